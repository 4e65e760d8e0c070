package emulator

import (
	"context"
	"sync"
)

// dedupeStore remembers the answer of every executed query-request by its requestId. The driver
// resends a request with the same requestId after a lost answer (a 5xx or a dropped connection), and
// replaying the first answer keeps a non-idempotent statement like CREATE from running twice.
type dedupeStore struct {
	mu      sync.Mutex
	entries map[string]*dedupeEntry
	order   []string // insertion order, for eviction
}

type dedupeEntry struct {
	sessionID int64
	done      chan struct{} // closed once body is set or the request was abandoned
	body      []byte        // nil when abandoned
}

const dedupeCapacity = 10_000

func newDedupeStore() *dedupeStore { return &dedupeStore{entries: map[string]*dedupeEntry{}} }

// begin claims requestId for this request. If another request of the same session already claimed
// it, begin waits for that one and returns its answer (nil if it was abandoned or ctx ended); own
// reports whether the caller must execute and then call finish or abandon.
func (d *dedupeStore) begin(ctx context.Context, requestID string, sessionID int64) (replay []byte, own bool) {
	for {
		d.mu.Lock()
		e, ok := d.entries[requestID]
		if !ok || e.sessionID != sessionID {
			d.entries[requestID] = &dedupeEntry{sessionID: sessionID, done: make(chan struct{})}
			d.order = append(d.order, requestID)
			d.evictLocked()
			d.mu.Unlock()
			return nil, true
		}
		d.mu.Unlock()
		select {
		case <-e.done:
			if e.body != nil {
				return e.body, false
			}
			// The first attempt was abandoned before executing: try to claim it again.
		case <-ctx.Done():
			return nil, false
		}
	}
}

// finish stores the answer of a claimed request.
func (d *dedupeStore) finish(requestID string, body []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if e, ok := d.entries[requestID]; ok && e.body == nil {
		e.body = body
		close(e.done)
	}
}

// abandon releases a claimed request that did not execute (cancelled), so a retry executes it.
func (d *dedupeStore) abandon(requestID string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if e, ok := d.entries[requestID]; ok && e.body == nil {
		delete(d.entries, requestID)
		close(e.done)
	}
}

func (d *dedupeStore) evictLocked() {
	for len(d.order) > dedupeCapacity {
		delete(d.entries, d.order[0]) // retries come within seconds; the oldest answers are long unused
		d.order = d.order[1:]
	}
}

// inflightQueries lets abort-request cancel a query that is still waiting (latency) by requestId.
type inflightQueries struct {
	lockedMap[string, context.CancelFunc]
}

func newInflightQueries() *inflightQueries {
	return &inflightQueries{newLockedMap[string, context.CancelFunc]()}
}

func (q *inflightQueries) add(requestID string, cancel context.CancelFunc) { q.set(requestID, cancel) }

// cancel cancels the query waiting under requestID and reports whether there was one.
func (q *inflightQueries) cancel(requestID string) bool {
	c, ok := q.get(requestID)
	if ok {
		c()
	}
	return ok
}

// cancelAll cancels every waiting query (the server is closing).
func (q *inflightQueries) cancelAll() {
	for _, c := range q.values() {
		c()
	}
}
