package serve

import (
	"net"
	"sync"
	"time"
)

// limiter lets each address make at most max requests in each window.
type limiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	now    func() time.Time
	by     map[string]*count
}

type count struct {
	start time.Time
	n     int
}

func newLimiter(max int, window time.Duration, now func() time.Time) *limiter {
	return &limiter{max: max, window: window, now: now, by: map[string]*count{}}
}

// allow counts a request from addr and reports whether it is within the
// limit.
func (l *limiter) allow(addr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.by) > maxAddrs {
		for a, c := range l.by {
			if now.Sub(c.start) >= l.window {
				delete(l.by, a)
			}
		}
	}
	c := l.by[addr]
	if c == nil || now.Sub(c.start) >= l.window {
		c = &count{start: now}
		l.by[addr] = c
	}
	c.n++
	return c.n <= l.max
}

// addrOf reads an http.Request's RemoteAddr.
func addrOf(s string) net.Addr {
	a, err := net.ResolveTCPAddr("tcp", s)
	if err != nil {
		return &net.TCPAddr{}
	}
	return a
}
