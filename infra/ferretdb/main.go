// Command gigmart-ferretdb serves the MongoDB wire protocol on loopback, backed by SQLite files,
// by embedding FerretDB v1. It exists because no MongoDB server binary can be installed on the
// project's machines, while Go and its module proxy can; see the README's "Database" section.
//
// It prints exactly one line, `READY <mongodb-uri>`, on stdout once the listener is open, so the
// TypeScript launcher knows when (and where) to connect. Everything else goes to stderr.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	_ "net/http/pprof" // /debug/pprof/ on -pprof-listen only
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0 picks a free one)")
	dataDir := flag.String("data-dir", "", "directory for the SQLite files; empty keeps everything in memory")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	watchStdin := flag.Bool("exit-on-stdin-close", false, "exit when stdin closes, i.e. when the parent process is gone")
	pprofAddr := flag.String("pprof-listen", os.Getenv("GIGMART_FERRETDB_PPROF"), "loopback address serving Go's profiles at /debug/pprof/ (empty: none); the benchmark's window into the database's own time")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad -log-level: %v", err)
	}
	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	if !strings.HasPrefix(*listen, "127.") && !strings.HasPrefix(*listen, "localhost:") && !strings.HasPrefix(*listen, "[::1]:") {
		// The server has no authentication: it must never be reachable from another machine.
		fail("refusing to listen on %q: only loopback addresses are allowed", *listen)
	}

	sqliteURL := "file:./?mode=memory"
	if *dataDir != "" {
		abs, err := filepath.Abs(*dataDir)
		if err != nil {
			fail("bad -data-dir: %v", err)
		}
		if err := os.MkdirAll(abs, 0o700); err != nil {
			fail("cannot create data dir: %v", err)
		}
		// FerretDB wants a file: URL to an existing directory, ending in a slash. FerretDB adds WAL
		// mode and a busy timeout; see sqlitePragmas for ours.
		sqliteURL = "file:" + abs + "/?" + sqlitePragmas
	}

	// FerretDB itself listens on a private loopback port; clients reach it through the serializer
	// (see proxy.go), which makes each command atomic as MongoDB does.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
		Logger:    logger,
	})
	if err != nil {
		fail("cannot start FerretDB: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	if *watchStdin {
		// The launcher keeps our stdin open for its whole life; EOF means it died, even by SIGKILL,
		// and an orphaned database server would hold the port and the SQLite files.
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	backend, err := url.Parse(f.MongoDBURI())
	if err != nil {
		fail("cannot parse FerretDB's URI: %v", err)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fail("cannot listen on %s: %v", *listen, err)
	}
	front := &serializer{backend: backend.Host, logger: logger}

	if *pprofAddr != "" {
		if !strings.HasPrefix(*pprofAddr, "127.") {
			fail("refusing to serve profiles on %q: only loopback addresses are allowed", *pprofAddr)
		}
		go func() { _ = http.ListenAndServe(*pprofAddr, nil) }()
	}

	done := make(chan error, 2)
	go func() { done <- f.Run(ctx) }()
	go func() { done <- front.serve(ctx, ln) }()

	fmt.Printf("READY mongodb://%s/\n", ln.Addr().String())
	if err := <-done; err != nil && ctx.Err() == nil {
		fail("stopped: %v", err)
	}
	stop()
}

// sqlitePragmas are applied to every SQLite connection FerretDB opens (its pool keeps up to 100 per
// database file).
//   - synchronous(normal): in WAL mode a commit is written to the WAL without waiting for fsync; the
//     WAL is synced at checkpoints. A crash of the process loses nothing; a power loss may lose the
//     last commits, never corrupts the files. SQLite's default (full) syncs on every commit, which
//     made each write wait for the disk. This is a local development and test database.
//   - cache_size(-16384): 16 MiB of page cache per connection (the default is 2 MiB), so the
//     indexes of a 50,000-document collection stay in memory.
//   - mmap_size(268435456): reads map the file (256 MiB) instead of copying pages into each
//     connection's cache; the operating system shares the pages between connections.
//   - temp_store(memory): sorts that need a temporary b-tree do not touch the disk.
const sqlitePragmas = "_pragma=synchronous(normal)&_pragma=cache_size(-16384)&_pragma=mmap_size(268435456)&_pragma=temp_store(memory)"

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "gigmart-ferretdb: "+format+"\n", args...)
	os.Exit(1)
}
