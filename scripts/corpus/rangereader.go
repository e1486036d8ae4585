package main

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// blockSize is the unit of a range request: large enough that reading a
// zip's central directory takes a few requests, small enough that a module
// with one Dockerfile costs kilobytes, not the whole zip.
const blockSize = 256 << 10

// rangeReader reads a remote file through HTTP range requests, caching the
// blocks it has fetched. archive/zip reads the end of the file first, then
// the central directory, then only the entries asked for.
type rangeReader struct {
	f      *fetcher
	url    string
	size   int64
	mu     sync.Mutex
	blocks map[int64][]byte
	// tail is the end of the file, fetched first; tailStart is its offset.
	tail      []byte
	tailStart int64
}

// rangeReader fetches the last block of url (which also tells the size).
func (f *fetcher) rangeReader(url string) (*rangeReader, int64, error) {
	r := &rangeReader{f: f, url: url, blocks: map[int64][]byte{}}
	// A suffix range asks for the last bytes without knowing the size.
	data, total, err := r.fetch(fmt.Sprintf("bytes=-%d", blockSize))
	if err != nil {
		return nil, 0, err
	}
	r.size, r.tail, r.tailStart = total, data, total-int64(len(data))
	return r, total, nil
}

func (r *rangeReader) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for n < len(p) {
		pos := off + int64(n)
		if pos >= r.size {
			return n, io.EOF
		}
		if pos >= r.tailStart {
			n += copy(p[n:], r.tail[pos-r.tailStart:])
			continue
		}
		block, err := r.block(pos / blockSize)
		if err != nil {
			return n, err
		}
		inner := pos % blockSize
		if inner >= int64(len(block)) {
			return n, io.ErrUnexpectedEOF
		}
		n += copy(p[n:], block[inner:])
	}
	return n, nil
}

func (r *rangeReader) block(i int64) ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if b, ok := r.blocks[i]; ok {
		return b, nil
	}
	start := i * blockSize
	end := min(start+blockSize, r.size) - 1
	data, _, err := r.fetch(fmt.Sprintf("bytes=%d-%d", start, end))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) != end-start+1 {
		return nil, fmt.Errorf("GET %s: asked for %s, got %d bytes", r.url, fmt.Sprintf("bytes=%d-%d", start, end), len(data))
	}
	r.blocks[i] = data
	return data, nil
}

// fetch asks for one range and returns the bytes and the whole file's size.
func (r *rangeReader) fetch(spec string) ([]byte, int64, error) {
	req, err := http.NewRequest(http.MethodGet, r.url, nil)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Range", spec)
	resp, err := r.f.client.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, 0, err
	}
	switch resp.StatusCode {
	case http.StatusPartialContent:
		// Content-Range: bytes 100-199/4603543
		cr := resp.Header.Get("Content-Range")
		slash := strings.LastIndexByte(cr, '/')
		total, err := strconv.ParseInt(cr[slash+1:], 10, 64)
		if slash < 0 || err != nil {
			return nil, 0, fmt.Errorf("GET %s: bad Content-Range %q", r.url, cr)
		}
		return data, total, nil
	case http.StatusOK:
		// The server ignored the range and sent the whole file: that is
		// the tail from offset 0 and serves every later read.
		return data, int64(len(data)), nil
	}
	return nil, 0, fmt.Errorf("GET %s: %s", r.url, resp.Status)
}
