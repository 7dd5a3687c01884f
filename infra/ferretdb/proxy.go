package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
)

// FerretDB v1 runs findAndModify, update and delete as a query followed by a separate write, with
// no transaction around them (FerretDB issue 2168). Two concurrent conditional updates of one
// document can therefore both succeed, and concurrent updates of different fields can overwrite
// each other: MongoDB's single-document atomicity, which Gigmart's state machines rely on, is lost.
//
// serializer restores it in front of FerretDB: it relays the wire protocol message by message and
// holds a lock around each command's round trip: exclusive for commands that write, shared for
// everything else. Writes are already serialized by SQLite, so this costs little throughput.
type serializer struct {
	backend string
	logger  *slog.Logger
	mu      sync.RWMutex
}

// Commands that change data; every other command only reads and may run alongside others.
var writeCommands = map[string]bool{
	"insert": true, "update": true, "delete": true, "findandmodify": true,
	"create": true, "createindexes": true, "drop": true, "dropindexes": true,
	"dropdatabase": true, "renamecollection": true, "collmod": true, "compact": true, "reindex": true,
}

const (
	opQuery = 2004
	opMsg   = 2013
	// OP_MSG flag: the sender expects no reply.
	flagMoreToCome = 1 << 1
	maxMessageSize = 48 * 1024 * 1024
)

func (s *serializer) serve(ctx context.Context, ln net.Listener) error {
	go func() {
		<-ctx.Done()
		_ = ln.Close()
	}()
	for {
		client, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		go s.handle(ctx, client)
	}
}

func (s *serializer) handle(ctx context.Context, client net.Conn) {
	defer client.Close()
	var d net.Dialer
	backend, err := d.DialContext(ctx, "tcp", s.backend)
	if err != nil {
		s.logger.Error("cannot reach FerretDB", "error", err)
		return
	}
	defer backend.Close()

	for {
		msg, err := readMessage(client)
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				s.logger.Debug("client connection ended", "error", err)
			}
			return
		}
		write, expectsReply := classify(msg)
		if write {
			s.mu.Lock()
		} else {
			s.mu.RLock()
		}
		err = s.roundTrip(client, backend, msg, expectsReply)
		if write {
			s.mu.Unlock()
		} else {
			s.mu.RUnlock()
		}
		if err != nil {
			s.logger.Debug("relay failed", "error", err)
			return
		}
	}
}

func (s *serializer) roundTrip(client, backend net.Conn, msg []byte, expectsReply bool) error {
	if _, err := backend.Write(msg); err != nil {
		return err
	}
	if !expectsReply {
		return nil
	}
	reply, err := readMessage(backend)
	if err != nil {
		return err
	}
	_, err = client.Write(reply)
	return err
}

// readMessage reads one whole wire protocol message: a 16-byte header whose first field is the
// total length, then the body.
func readMessage(r io.Reader) ([]byte, error) {
	var header [16]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	length := int(int32(binary.LittleEndian.Uint32(header[0:4])))
	if length < 16 || length > maxMessageSize {
		return nil, fmt.Errorf("bad message length %d", length)
	}
	msg := make([]byte, length)
	copy(msg, header[:])
	if _, err := io.ReadFull(r, msg[16:]); err != nil {
		return nil, err
	}
	return msg, nil
}

// classify tells whether a message runs a write command and whether a reply will follow.
// Anything it cannot parse is treated as a write: safe, merely serialized.
func classify(msg []byte) (write, expectsReply bool) {
	opCode := int32(binary.LittleEndian.Uint32(msg[12:16]))
	switch opCode {
	case opMsg:
		flags := binary.LittleEndian.Uint32(msg[16:20])
		expectsReply = flags&flagMoreToCome == 0
		name, ok := opMsgCommand(msg[20:])
		return !ok || writeCommands[strings.ToLower(name)], expectsReply
	case opQuery:
		// Legacy handshakes (isMaster) only.
		return false, true
	default:
		return true, true
	}
}

// opMsgCommand finds the body section (kind 0) of an OP_MSG and returns its first key, the command.
func opMsgCommand(sections []byte) (string, bool) {
	for len(sections) > 0 {
		kind := sections[0]
		sections = sections[1:]
		if len(sections) < 4 {
			return "", false
		}
		size := int(int32(binary.LittleEndian.Uint32(sections[0:4])))
		if size < 5 || size > len(sections) {
			return "", false
		}
		if kind == 0 {
			// BSON document: int32 size, then elements: type byte, NUL-terminated key, value.
			doc := sections[:size]
			if len(doc) < 6 {
				return "", false
			}
			end := bytes.IndexByte(doc[5:], 0)
			if end < 0 {
				return "", false
			}
			return string(doc[5 : 5+end]), true
		}
		// kind 1: a document sequence, whose size field covers the whole section.
		sections = sections[size:]
	}
	return "", false
}
