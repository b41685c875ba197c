package change

// keyed compares two lists of records matched by key: in b's order, a
// record only in b is Added and one in both is Changed when differ names
// a member that differs; then, in a's order, a record only in a is
// Removed. Services, practices and workforce roles are all compared so;
// entry builds each list's own kind of entry, given nil for the side a
// record is missing from.
func keyed[T, E any](a, b []T, key func(*T) string, differ func(was, now *T) fields, entry func(key string, c Kind, f []string, was, now *T) E) []E {
	then := make(map[string]*T, len(a))
	for i := range a {
		then[key(&a[i])] = &a[i]
	}
	out := []E{}
	seen := make(map[string]bool, len(b))
	for i := range b {
		now := &b[i]
		k := key(now)
		seen[k] = true
		was, ok := then[k]
		if !ok {
			out = append(out, entry(k, Added, []string{}, nil, now))
			continue
		}
		if f := differ(was, now); f != nil {
			out = append(out, entry(k, Changed, f, was, now))
		}
	}
	for i := range a {
		if k := key(&a[i]); !seen[k] {
			out = append(out, entry(k, Removed, []string{}, &a[i], nil))
		}
	}
	return out
}

// fields collects the names of the members that differ, in the file's
// order; nil when none does.
type fields []string

// add appends name when its member differs.
func (f *fields) add(name string, differs bool) {
	if differs {
		*f = append(*f, name)
	}
}
