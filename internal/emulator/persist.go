package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// stateFile is the -state file: the engine's catalog plus what only the wire layer knows.
type stateFile struct {
	Version       int             `json:"version"`
	AdminPassword string          `json:"adminPassword"`
	Engine        json.RawMessage `json:"engine"`
	PATs          []patRecord     `json:"programmaticAccessTokens,omitempty"`
}

const stateVersion = 1

// loadState reads path; a missing file (or an empty path) is a fresh start, a corrupt one an error,
// so a bad file is never silently overwritten.
func loadState(path string) (*stateFile, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("emulator: read state file: %w", err)
	}
	var st stateFile
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("emulator: state file %s is not valid JSON: %w", path, err)
	}
	if st.Version != stateVersion || len(st.Engine) == 0 {
		return nil, fmt.Errorf("emulator: state file %s is not an emulator state file (version %d)", path, st.Version)
	}
	return &st, nil
}

// restore loads st into the fresh engine and makes sure the admin password the server reports works.
func (s *Server) restore(st *stateFile) error {
	if st == nil {
		return nil
	}
	if err := s.engine.Restore(st.Engine); err != nil {
		return fmt.Errorf("emulator: state file %s: %w", s.opts.StateFile, err)
	}
	s.pats.load(st.PATs)
	admin, ok := s.engine.LookupUser(s.opts.AdminUser)
	if !ok || s.engine.CheckPassword(admin.Name, s.adminPwd) {
		return nil
	}
	// The printed credentials must work, so an explicit -admin-password wins over the saved one.
	sess := &engine.Session{User: admin.Name, Role: "ACCOUNTADMIN"}
	stmt := fmt.Sprintf("ALTER USER %s SET PASSWORD = %s", quoteIdent(admin.Name), quoteString(s.adminPwd))
	if _, err := s.engine.Exec(sess, stmt, nil); err != nil {
		return fmt.Errorf("emulator: reset admin password from state file: %w", err)
	}
	return nil
}

// snapshot serialises the whole state for the state file.
func (s *Server) snapshot() ([]byte, error) {
	eng, err := s.engine.Snapshot()
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(stateFile{
		Version:       stateVersion,
		AdminPassword: s.adminPwd,
		Engine:        eng,
		PATs:          s.pats.records(),
	}, "", "  ")
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func quoteString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(s) + "'"
}

// persister writes the state file after changes. Changes only mark it dirty (the engine may call us
// from inside a statement); the query handler flushes before answering, so once a client has seen a
// statement succeed its effect is on disk, and a background goroutine catches changes made through
// Engine() directly.
type persister struct {
	path     string
	snapshot func() ([]byte, error)
	dirty    atomic.Bool
	mu       sync.Mutex
	wake     chan struct{}
	done     chan struct{}
	stopOnce sync.Once
}

func newPersister(path string, snapshot func() ([]byte, error)) *persister {
	p := &persister{path: path, snapshot: snapshot, wake: make(chan struct{}, 1), done: make(chan struct{})}
	if path != "" {
		p.dirty.Store(true)
		go p.loop()
	}
	return p
}

func (p *persister) loop() {
	for {
		select {
		case <-p.wake:
			_ = p.flush() // an error keeps the state dirty and surfaces on the next synchronous flush
		case <-p.done:
			return
		}
	}
}

// close stops the background writer and writes any pending change.
func (p *persister) close() error {
	p.stopOnce.Do(func() { close(p.done) })
	return p.flush()
}

func (p *persister) markDirty() {
	if p.path == "" {
		return
	}
	p.dirty.Store(true)
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// flush writes the state file if anything changed since the last write.
func (p *persister) flush() error {
	if p.path == "" {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.dirty.Swap(false) {
		return nil
	}
	data, err := p.snapshot()
	if err == nil {
		err = writeFileAtomic(p.path, data)
	}
	if err != nil {
		p.dirty.Store(true)
		return fmt.Errorf("emulator: write state file: %w", err)
	}
	return nil
}

// writeFileAtomic writes data to a temporary file beside path and renames it over path, so a crash
// leaves either the old or the new state, never half of one.
func writeFileAtomic(path string, data []byte) error {
	// CreateTemp uses mode 0600, right for a file holding passwords and client secrets.
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
	}
	return err
}
