package drafts

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
)

// A draft is a journal: a header line, then one record per save, each appended and fsynced on
// its own, so that a save costs the same however long the interview is.
//
//	record := "SHDR" | save (uint64) | meta length (uint32) | payload length (uint32)
//	          | meta | payload | mac (32 bytes)
//
// meta is the public listing (publicMeta, JSON): what `drafts` shows, never an answer. payload
// is age-encrypted to the public key: the whole draft (a snapshot) or what changed since the
// record before (a delta). mac is HMAC-SHA256, keyed from the private key, over the draft id,
// the mac of the record before (zeros for the first in the file), and everything before the
// mac: so a record cannot be forged, changed, reordered, moved to another draft or dropped
// from the middle without the private key. Saves count up by one from record to record; a
// compacted journal starts at the next number, not at one.
//
// A record cut off by a crash (too short, or whole but failing its mac, at the very end) is
// dropped: the saves before it are kept. Anything else that fails is refused.

const journalHeader = "safeharbor-draft-journal/v1\n"

var recordMagic = [4]byte{'S', 'H', 'D', 'R'}

const (
	recordHead  = 4 + 8 + 4 + 4
	macSize     = sha256.Size
	maxMeta     = 64 << 10
	maxPayload  = 256 << 20
	recordMacID = "safeharbor-draft-record/v1\x00"
)

// ErrForged is a draft that fails authentication: it was not saved by safeharbor with this
// key, or it was changed since.
var ErrForged = errors.New("the draft was not saved with this key, or was changed since")

// ErrRolledBack is a draft older than its newest save, or one put back after it was deleted.
var ErrRolledBack = errors.New("an older copy of the draft was put back")

type record struct {
	save    uint64
	meta    []byte
	payload []byte
	mac     [macSize]byte
	end     int64 // where the record ends in the file
}

type journal struct {
	records []record
	end     int64 // where the last good record ends
	torn    bool  // bytes after it were dropped
}

func recordMAC(key []byte, id string, prev [macSize]byte) hash.Hash {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(recordMacID))
	m.Write([]byte(id))
	m.Write([]byte{0})
	m.Write(prev[:])
	return m
}

// appendRecord encodes a record after prev.
func appendRecord(buf []byte, key []byte, id string, prev [macSize]byte, save uint64, meta, payload []byte) ([]byte, [macSize]byte) {
	start := len(buf)
	buf = append(buf, recordMagic[:]...)
	buf = binary.BigEndian.AppendUint64(buf, save)
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(meta)))
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(payload)))
	buf = append(buf, meta...)
	buf = append(buf, payload...)
	m := recordMAC(key, id, prev)
	m.Write(buf[start:])
	var mac [macSize]byte
	m.Sum(mac[:0])
	return append(buf, mac[:]...), mac
}

// readJournal splits a journal into records, checking each mac when key is given (without it,
// for a listing when the key cannot be read, the records are only split).
func readJournal(data []byte, id string, key []byte) (journal, error) {
	var j journal
	if !bytes.HasPrefix(data, []byte(journalHeader)) {
		return j, fmt.Errorf("%w: it is not a safeharbor draft journal", ErrForged)
	}
	off := int64(len(journalHeader))
	j.end = off
	var prev [macSize]byte
	for off < int64(len(data)) {
		rest := data[off:]
		if len(rest) < recordHead || !bytes.Equal(rest[:4], recordMagic[:]) {
			if len(rest) < recordHead && bytes.HasPrefix(recordMagic[:], rest[:min(len(rest), 4)]) || allZero(rest) {
				j.torn = true // cut off while written, or blocks a crash left unwritten
				return j, nil
			}
			return j, fmt.Errorf("%w: there are bytes that are not a save at offset %d", ErrForged, off)
		}
		save := binary.BigEndian.Uint64(rest[4:])
		metaLen, payloadLen := int64(binary.BigEndian.Uint32(rest[12:])), int64(binary.BigEndian.Uint32(rest[16:]))
		if metaLen > maxMeta || payloadLen > maxPayload {
			return j, fmt.Errorf("%w: a save at offset %d is larger than any safeharbor writes", ErrForged, off)
		}
		size := recordHead + metaLen + payloadLen + macSize
		if int64(len(rest)) < size {
			j.torn = true
			return j, nil
		}
		r := record{save: save, meta: rest[recordHead : recordHead+metaLen], payload: rest[recordHead+metaLen : size-macSize], end: off + size}
		copy(r.mac[:], rest[size-macSize:size])
		if key != nil {
			m := recordMAC(key, id, prev)
			m.Write(rest[:size-macSize])
			if !hmac.Equal(m.Sum(nil), r.mac[:]) {
				if r.end == int64(len(data)) {
					j.torn = true // the last save, whole in length but not in content
					return j, nil
				}
				return j, fmt.Errorf("%w: save %d fails its check", ErrForged, save)
			}
			if n := len(j.records); n > 0 && save != j.records[n-1].save+1 {
				return j, fmt.Errorf("%w: save %d follows save %d", ErrForged, save, j.records[n-1].save)
			}
		}
		j.records = append(j.records, r)
		prev, off, j.end = r.mac, r.end, r.end
	}
	return j, nil
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
