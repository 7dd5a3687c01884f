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
// holds a lock around the round trip of each command that writes, one lock per collection, so no two
// writes to a collection interleave their query and their write. Reads take no lock: like on MongoDB
// they see a document before or after a write, never a write's half. SQLite serializes writes to a
// database file anyway, so this costs writes little and reads nothing.
type serializer struct {
	backend string
	logger  *slog.Logger
	mu      sync.Mutex
	locks   map[string]*sync.Mutex
}

// lockFor returns the write lock of a collection ("" when the command names none: one shared lock).
func (s *serializer) lockFor(collection string) *sync.Mutex {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.locks == nil {
		s.locks = map[string]*sync.Mutex{}
	}
	l, ok := s.locks[collection]
	if !ok {
		l = &sync.Mutex{}
		s.locks[collection] = l
	}
	return l
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
		write, collection, expectsReply := classify(msg)
		if write {
			lock := s.lockFor(collection)
			lock.Lock()
			err = s.roundTrip(client, backend, msg, expectsReply)
			lock.Unlock()
		} else {
			err = s.roundTrip(client, backend, msg, expectsReply)
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

// classify tells whether a message runs a write command, on which collection, and whether a reply
// will follow. Anything it cannot parse is treated as a write under the shared "" lock: safe,
// merely serialized.
func classify(msg []byte) (write bool, collection string, expectsReply bool) {
	opCode := int32(binary.LittleEndian.Uint32(msg[12:16]))
	switch opCode {
	case opMsg:
		flags := binary.LittleEndian.Uint32(msg[16:20])
		expectsReply = flags&flagMoreToCome == 0
		name, target, ok := opMsgCommand(msg[20:])
		if !ok {
			return true, "", expectsReply
		}
		return writeCommands[strings.ToLower(name)], target, expectsReply
	case opQuery:
		// Legacy handshakes (isMaster) only.
		return false, "", true
	default:
		return true, "", true
	}
}

// opMsgCommand finds the body section (kind 0) of an OP_MSG and returns its first key, the command,
// and that key's value when it is a string: the collection the command works on.
func opMsgCommand(sections []byte) (name, collection string, ok bool) {
	for len(sections) > 0 {
		kind := sections[0]
		sections = sections[1:]
		if len(sections) < 4 {
			return "", "", false
		}
		size := int(int32(binary.LittleEndian.Uint32(sections[0:4])))
		if size < 5 || size > len(sections) {
			return "", "", false
		}
		if kind == 0 {
			// BSON document: int32 size, then elements: type byte, NUL-terminated key, value.
			doc := sections[:size]
			if len(doc) < 6 {
				return "", "", false
			}
			end := bytes.IndexByte(doc[5:], 0)
			if end < 0 {
				return "", "", false
			}
			name = string(doc[5 : 5+end])
			// A string value (type 0x02) is an int32 length including the NUL, then the bytes.
			if value := doc[5+end+1:]; doc[4] == 0x02 && len(value) >= 4 {
				n := int(int32(binary.LittleEndian.Uint32(value[0:4])))
				if n >= 1 && 4+n <= len(value) {
					collection = string(value[4 : 4+n-1])
				}
			}
			return name, collection, true
		}
		// kind 1: a document sequence, whose size field covers the whole section.
		sections = sections[size:]
	}
	return "", "", false
}
