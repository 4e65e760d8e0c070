package emulator

import "sync"

// lockedMap is a map the HTTP handlers share, every operation under one mutex: the programmatic
// access tokens, the per-path request counters and the queries that abort-request may cancel.
type lockedMap[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

func newLockedMap[K comparable, V any]() lockedMap[K, V] { return lockedMap[K, V]{m: map[K]V{}} }

func (l *lockedMap[K, V]) set(k K, v V) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.m[k] = v
}

func (l *lockedMap[K, V]) get(k K) (V, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	v, ok := l.m[k]
	return v, ok
}

func (l *lockedMap[K, V]) remove(k K) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.m, k)
}

// update replaces k's value (the zero value when k is absent) with f's result.
func (l *lockedMap[K, V]) update(k K, f func(V) V) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.m[k] = f(l.m[k])
}

// values returns a copy of the values, in no particular order.
func (l *lockedMap[K, V]) values() []V {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]V, 0, len(l.m))
	for _, v := range l.m {
		out = append(out, v)
	}
	return out
}
