// Command startup measures how long the provider binary takes to become useful to Terraform: from
// exec to the go-plugin handshake line, and from exec to the answer of the first GetProviderSchema
// call, which is what Terraform waits for before anything else. It starts the binary the way
// Terraform does (the go-plugin magic cookie, protocol 6, no TLS when no client certificate is
// offered), so nothing in the provider is special-cased for it. See bench/README.md.
//
//	go run ./bench/startup -provider bin/terraform-provider-snowflakeoauth -runs 20
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// magicCookie is the value terraform-plugin-go's servers require in TF_PLUGIN_MAGIC_COOKIE (the
// handshake config Terraform and every provider share).
const magicCookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"

func main() {
	bin := flag.String("provider", "bin/terraform-provider-snowflakeoauth", "provider binary")
	runs := flag.Int("runs", 20, "start-ups to measure (the median is reported)")
	flag.Parse()
	var handshakes, schemas []time.Duration
	size := 0
	for range *runs {
		h, s, n, err := startOnce(*bin)
		if err != nil {
			fmt.Fprintln(os.Stderr, "startup:", err)
			os.Exit(1)
		}
		handshakes, schemas, size = append(handshakes, h), append(schemas, s), n
	}
	st, err := os.Stat(*bin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
	fmt.Printf("binary %.1f MB; over %d start-ups: handshake median %s (min %s), GetProviderSchema answered median %s (min %s, %d bytes)\n",
		float64(st.Size())/(1<<20), *runs, median(handshakes), slices.Min(handshakes), median(schemas), slices.Min(schemas), size)
}

// startOnce starts the provider, waits for its handshake, calls GetProviderSchema and stops it.
func startOnce(bin string) (handshake, schema time.Duration, size int, err error) {
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "TF_PLUGIN_MAGIC_COOKIE="+magicCookie, "PLUGIN_PROTOCOL_VERSIONS=6")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, 0, 0, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, 0, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		return 0, 0, 0, fmt.Errorf("no handshake line: %w", err)
	}
	handshake = time.Since(start)
	// core-version|app-version|network|address|protocol
	parts := strings.Split(strings.TrimSpace(line), "|")
	if len(parts) < 5 || parts[4] != "grpc" {
		return 0, 0, 0, fmt.Errorf("unexpected handshake %q", line)
	}
	conn, err := grpc.NewClient("unix:"+parts[3], grpc.WithTransportCredentials(insecure.NewCredentials()))
	if parts[2] == "tcp" {
		conn, err = grpc.NewClient(parts[3], grpc.WithTransportCredentials(insecure.NewCredentials()))
	}
	if err != nil {
		return 0, 0, 0, err
	}
	defer func() { _ = conn.Close() }()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// GetProviderSchema's request message has no fields, so its encoding is empty; the answer is kept
	// as raw bytes (its size is printed as a sanity check that the whole schema came back).
	var resp []byte
	if err := conn.Invoke(ctx, "/tfplugin6.Provider/GetProviderSchema", []byte{}, &resp, grpc.ForceCodec(rawCodec{})); err != nil {
		return 0, 0, 0, fmt.Errorf("GetProviderSchema: %w", err)
	}
	return handshake, time.Since(start), len(resp), nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2].Round(100 * time.Microsecond)
}

// rawCodec passes messages through as bytes: the tool needs no generated protobuf code.
type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }

func (rawCodec) Marshal(v any) ([]byte, error) {
	b, ok := v.([]byte)
	if !ok {
		return nil, fmt.Errorf("rawCodec: cannot marshal %T", v)
	}
	return b, nil
}

func (rawCodec) Unmarshal(data []byte, v any) error {
	p, ok := v.(*[]byte)
	if !ok {
		return fmt.Errorf("rawCodec: cannot unmarshal into %T", v)
	}
	*p = append((*p)[:0], data...)
	return nil
}
