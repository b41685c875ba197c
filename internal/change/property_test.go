package change

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// The generators draw from small alphabets, so that two documents share
// keys, titles and notes often: the interesting pairs are the near ones.

func genService(key string) *rapid.Generator[domain.Service] {
	return rapid.Custom(func(t *rapid.T) domain.Service {
		return domain.Service{
			Key:    key,
			Name:   rapid.SampledFrom([]string{"A", "B"}).Draw(t, "name"),
			Status: rapid.SampledFrom(domain.Statuses).Draw(t, "status"),
			Note:   rapid.SampledFrom([]string{"", "n", "m"}).Draw(t, "note"),
		}
	})
}

var genNote = rapid.Custom(func(t *rapid.T) domain.Note {
	return domain.Note{
		Category: rapid.SampledFrom([]string{"it", "estates"}).Draw(t, "category"),
		Severity: domain.Severity(rapid.IntRange(1, 3).Draw(t, "severity")),
		Date:     rapid.SampledFrom([]string{"2026-01-01", "2026-01-02"}).Draw(t, "date"),
		Text:     rapid.SampledFrom([]string{"x", "y"}).Draw(t, "text"),
	}
})

var genPriority = rapid.Custom(func(t *rapid.T) domain.Priority {
	return domain.Priority{
		Theme:     rapid.SampledFrom([]string{"estates", "workforce"}).Draw(t, "theme"),
		Title:     rapid.SampledFrom([]string{"Rooms", "rooms ", "Staff", "IT"}).Draw(t, "title"),
		Ask:       rapid.SampledFrom([]string{"", "fund"}).Draw(t, "ask"),
		Rationale: rapid.SampledFrom([]string{"", "r"}).Draw(t, "rationale"),
	}
})

// genDocument draws a document: any subset of the services, practices
// with distinct codes, notes with repeats, priorities ranked 1..n.
var genDocument = rapid.Custom(func(t *rapid.T) *pcnjson.Document {
	d := &pcnjson.Document{
		Format: pcnjson.Format, Version: pcnjson.Version,
		Period:    rapid.SampledFrom([]string{"2026/27 Q2", "2026/27 Q3"}).Draw(t, "period"),
		Revision:  rapid.IntRange(1, 9).Draw(t, "revision"),
		Statement: rapid.SampledFrom([]string{"", "s", "t"}).Draw(t, "statement"),
		PCN: domain.PCN{
			Code:             rapid.SampledFrom([]string{"U51234", "U51235"}).Draw(t, "code"),
			Name:             rapid.SampledFrom([]string{"R", "S"}).Draw(t, "pcn name"),
			ICS:              rapid.SampledFrom([]string{"", "I"}).Draw(t, "ics"),
			Place:            rapid.SampledFrom([]string{"", "P"}).Draw(t, "place"),
			ClinicalDirector: rapid.SampledFrom([]string{"", "D"}).Draw(t, "director"),
		},
	}
	for _, key := range []string{"cvd", "ehch", "smr"} {
		if rapid.Bool().Draw(t, "has "+key) {
			d.Services = append(d.Services, genService(key).Draw(t, key))
		}
	}
	for _, code := range []string{"A00001", "A00002", "B00003"} {
		if rapid.Bool().Draw(t, "has "+code) {
			d.Practices = append(d.Practices, domain.Practice{ODSCode: code,
				Name:     rapid.SampledFrom([]string{"P", "Q"}).Draw(t, "practice name"),
				ListSize: rapid.SampledFrom([]int64{0, 100, 2000}).Draw(t, "list size")})
		}
	}
	d.PCN.Population = domain.Population(d.Practices)
	if rapid.IntRange(0, 3).Draw(t, "workforce") > 0 { // else not reported
		roles := []domain.Role{}
		for _, key := range []string{"clinical-pharmacist", "paramedic", "gp"} {
			if rapid.Bool().Draw(t, "has "+key) {
				roles = append(roles, domain.Role{Key: key,
					InPost:     domain.WTE(rapid.SampledFrom([]int{0, 60, 100}).Draw(t, "in post")),
					Planned:    domain.WTE(rapid.SampledFrom([]int{0, 100}).Draw(t, "planned")),
					Recruiting: domain.WTE(rapid.SampledFrom([]int{0, 40}).Draw(t, "recruiting")),
					Note:       rapid.SampledFrom([]string{"", "n"}).Draw(t, "role note")})
			}
		}
		d.Workforce = &roles
	}
	d.Workload = rapid.SliceOfN(genNote, 0, 5).Draw(t, "notes")
	d.Priorities = rapid.SliceOfN(genPriority, 0, 4).Draw(t, "priorities")
	for i, r := range rapid.Permutation(ranks(len(d.Priorities))).Draw(t, "ranks") {
		d.Priorities[i].Rank = r
	}
	return d
})

func ranks(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// genPair draws two documents, the second half the time an edit of the
// first (a near pair), else drawn afresh.
var genPair = rapid.Custom(func(t *rapid.T) [2]*pcnjson.Document {
	a := genDocument.Draw(t, "a")
	if rapid.Bool().Draw(t, "afresh") {
		return [2]*pcnjson.Document{a, genDocument.Draw(t, "b")}
	}
	b := copyDoc(a)
	for range rapid.IntRange(0, 3).Draw(t, "edits") {
		edit(t, b)
	}
	return [2]*pcnjson.Document{a, b}
})

func copyDoc(d *pcnjson.Document) *pcnjson.Document {
	c := *d
	c.Services, c.Practices = slices.Clone(d.Services), slices.Clone(d.Practices)
	c.Workload, c.Priorities = slices.Clone(d.Workload), slices.Clone(d.Priorities)
	if d.Workforce != nil {
		w := slices.Clone(*d.Workforce)
		c.Workforce = &w
	}
	return &c
}

// edit makes one small change a director might.
func edit(t *rapid.T, d *pcnjson.Document) {
	switch rapid.IntRange(0, 8).Draw(t, "edit") {
	case 7:
		if d.Workforce != nil && len(*d.Workforce) > 0 {
			(*d.Workforce)[0].Planned += 25
		}
	case 8:
		if d.Workforce == nil {
			d.Workforce = &[]domain.Role{}
		} else {
			d.Workforce = nil
		}
	case 0:
		if len(d.Services) > 0 {
			i := rapid.IntRange(0, len(d.Services)-1).Draw(t, "service")
			d.Services[i].Status = d.Services[i].Status.Next()
		}
	case 1:
		if len(d.Priorities) > 1 {
			i := rapid.IntRange(0, len(d.Priorities)-2).Draw(t, "swap")
			for j := range d.Priorities {
				switch d.Priorities[j].Rank {
				case i + 1:
					d.Priorities[j].Rank = i + 2
				case i + 2:
					d.Priorities[j].Rank = i + 1
				}
			}
		}
	case 2:
		if len(d.Priorities) > 0 {
			d.Priorities[rapid.IntRange(0, len(d.Priorities)-1).Draw(t, "ask")].Ask += "!"
		}
	case 3:
		d.Workload = append(d.Workload, genNote.Draw(t, "new note"))
	case 4:
		if len(d.Workload) > 0 {
			d.Workload = slices.Delete(d.Workload, 0, 1)
		}
	case 5:
		if len(d.Practices) > 0 {
			d.Practices[0].ListSize += 7
			d.PCN.Population += 7
		}
	case 6:
		d.Statement += "."
	}
}

// TestDiffOfItselfIsEmpty: a document compared with itself, or with
// another revision of the same content, has no changes.
func TestDiffOfItselfIsEmpty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genDocument.Draw(t, "a")
		b := copyDoc(a)
		b.Revision, b.GeneratedAt, b.Digest = a.Revision+1, "2027-01-01T00:00:00Z", "sha256:other"
		slices.Reverse(b.Workload) // the order a list came in is not content
		for _, c := range []Changes{Diff(a, a, opt), Diff(a, b, opt)} {
			if !c.Empty() || c.Summary() != "" || c.Lines(Names{}) != nil {
				t.Fatalf("not empty: %+v", c)
			}
		}
	})
}

// TestDiffMirrors: Diff(b, a) is Diff(a, b) with added and removed, then
// and now, from and to swapped.
func TestDiffMirrors(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genPair.Draw(t, "pair")
		ab, ba := Diff(p[0], p[1], opt), Diff(p[1], p[0], opt)
		if !reflect.DeepEqual(ba, ab.Mirror(opt)) {
			t.Fatalf("Diff(b, a):\n%+v\nDiff(a, b) mirrored:\n%+v", ba, ab.Mirror(opt))
		}
		if len(ab.Workload.Added) != len(ba.Workload.Removed) || ab.StatementChanged != ba.StatementChanged {
			t.Fatal("counts differ")
		}
	})
}

// TestEveryDifferenceReported compares the diff with a brute-force
// comparison of every member: each member that differs is reported, each
// record reported changed differs in exactly the members it names, and
// the records reported, applied to a, give b's records.
func TestEveryDifferenceReported(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genPair.Draw(t, "pair")
		a, b := p[0], p[1]
		c := Diff(a, b, opt)

		// The hash of the content as a file holds it, lists in order.
		sa, sb := pcnjson.FromSnapshot(a.Snapshot()), pcnjson.FromSnapshot(b.Snapshot())
		hashA, _ := pcnjson.ContentHash(&sa)
		hashB, _ := pcnjson.ContentHash(&sb)
		if c.Empty() != (hashA == hashB) {
			t.Fatalf("Empty() = %v but the content hashes are %s and %s", c.Empty(), hashA, hashB)
		}
		if (a.Period != b.Period) != c.PeriodChanged() || (a.Statement != b.Statement) != c.StatementChanged {
			t.Fatal("period or statement")
		}
		pcnWant := structFields(a.PCN, b.PCN)
		var pcnGot []string
		if c.PCN != nil {
			pcnGot = c.PCN.Fields
		}
		if !slices.Equal(pcnGot, pcnWant) {
			t.Fatalf("pcn fields %v, brute force %v", pcnGot, pcnWant)
		}

		// Services and practices, by key: the brute force lists every key
		// in either and what differs.
		checkKeyed(t, "services", a.Services, b.Services, func(s domain.Service) string { return s.Key },
			c.Services, func(s Service) (string, Kind, []string) { return s.Key, s.Change, s.Fields })
		checkKeyed(t, "practices", a.Practices, b.Practices, func(p domain.Practice) string { return p.ODSCode },
			c.Practices, func(p Practice) (string, Kind, []string) { return p.Code, p.Change, p.Fields })
		checkKeyed(t, "workforce", a.Roles(), b.Roles(), func(r domain.Role) string { return r.Key },
			c.Workforce, func(r Role) (string, Kind, []string) { return r.Role, r.Change, r.Fields })
		if reported := c.WorkforceReported; (a.Workforce == nil) != (b.Workforce == nil) {
			if reported == nil || reported.Then != (a.Workforce != nil) || reported.Now != (b.Workforce != nil) {
				t.Fatalf("workforce reported then %v now %v, diff says %+v", a.Workforce != nil, b.Workforce != nil, reported)
			}
		} else if reported != nil {
			t.Fatalf("workforce reported on both sides or neither, diff says %+v", reported)
		}

		// Notes: the multiset difference, by counting.
		wantAdded, wantRemoved := bruteNotes(b.Workload, a.Workload), bruteNotes(a.Workload, b.Workload)
		if !sameNotes(c.Workload.Added, wantAdded) || !sameNotes(c.Workload.Removed, wantRemoved) {
			t.Fatalf("notes added %v removed %v; brute force %v and %v", c.Workload.Added, c.Workload.Removed, wantAdded, wantRemoved)
		}

		// Priorities: every pair reported differs in exactly its fields;
		// a's priorities with the removed taken out, the changed replaced
		// and the added put in are b's.
		got := slices.Clone(a.Priorities)
		for _, pc := range c.Priorities {
			switch pc.Change {
			case Added:
				got = append(got, *pc.Now)
			case Removed:
				got = remove(t, got, *pc.Then)
			default:
				if f := structFields(*pc.Then, *pc.Now); !slices.Equal(f, pc.Fields) || len(f) == 0 {
					t.Fatalf("priority %+v → %+v reports %v, brute force %v", pc.Then, pc.Now, pc.Fields, f)
				}
				got = append(remove(t, got, *pc.Then), *pc.Now)
			}
		}
		if !sameMultiset(got, b.Priorities) {
			t.Fatalf("a's priorities with the changes applied:\n%v\nb's:\n%v", got, b.Priorities)
		}
		// A priority unchanged in every member is never reported.
		for _, pc := range c.Priorities {
			if pc.Change == Added && slices.Contains(a.Priorities, *pc.Now) || pc.Change == Removed && slices.Contains(b.Priorities, *pc.Then) {
				t.Fatalf("%s priority %+v is in both", pc.Change, pc)
			}
		}
	})
}

// structFields lists the JSON names of the members in which two structs
// of one type differ: the brute force, by reflection.
func structFields[T any](a, b T) []string {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	var out []string
	for i := range va.NumField() {
		name, _, _ := strings.Cut(va.Type().Field(i).Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			out = append(out, name)
		}
	}
	return out
}

func checkKeyed[R any, C any](t *rapid.T, what string, a, b []R, key func(R) string, got []C, read func(C) (string, Kind, []string)) {
	t.Helper()
	find := func(list []R, k string) (R, bool) {
		for _, r := range list {
			if key(r) == k {
				return r, true
			}
		}
		var zero R
		return zero, false
	}
	type want struct {
		kind   Kind
		fields []string
	}
	wants := map[string]want{}
	for _, r := range a {
		if now, ok := find(b, key(r)); !ok {
			wants[key(r)] = want{Removed, []string{}}
		} else if f := structFields(r, now); f != nil {
			wants[key(r)] = want{Changed, f}
		}
	}
	for _, r := range b {
		if _, ok := find(a, key(r)); !ok {
			wants[key(r)] = want{Added, []string{}}
		}
	}
	if len(got) != len(wants) {
		t.Fatalf("%s: %d reported, brute force %d: %+v", what, len(got), len(wants), got)
	}
	for _, g := range got {
		k, kind, fields := read(g)
		w, ok := wants[k]
		if !ok || w.kind != kind || !slices.Equal(w.fields, fields) {
			t.Fatalf("%s %s: reported %s %v, brute force %+v", what, k, kind, fields, w)
		}
	}
}

// bruteNotes is the notes of a not in b, counting repeats, by removing
// each of b's from a copy of a one at a time.
func bruteNotes(a, b []domain.Note) []domain.Note {
	left := slices.Clone(a)
	for _, n := range b {
		if i := slices.Index(left, n); i >= 0 {
			left = slices.Delete(left, i, i+1)
		}
	}
	return left
}

func sameNotes(a, b []domain.Note) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return sameMultiset(a, b)
}

func sameMultiset[T any](a, b []T) bool {
	key := func(v T) string { return fmt.Sprintf("%+v", v) }
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i := range a {
		ka[i] = key(a[i])
	}
	for i := range b {
		kb[i] = key(b[i])
	}
	slices.Sort(ka)
	slices.Sort(kb)
	return slices.Equal(ka, kb)
}

func remove[T comparable](t *rapid.T, list []T, v T) []T {
	i := slices.Index(list, v)
	if i < 0 {
		t.Fatalf("%+v reported but not there", v)
	}
	return slices.Delete(list, i, i+1)
}

// TestSummaryCountsEveryChange: the Overview's phrase is empty exactly
// when the diff is, and counts each record reported.
func TestSummaryCountsEveryChange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genPair.Draw(t, "pair")
		c := Diff(p[0], p[1], opt)
		if (c.Summary() == "") != c.Empty() || (len(c.Lines(Names{})) == 0) != c.Empty() {
			t.Fatalf("summary %q, %d lines, empty %v", c.Summary(), len(c.Lines(Names{})), c.Empty())
		}
		n := 0
		for _, s := range strings.Split(c.Summary(), ", ") {
			var k int
			if _, err := fmt.Sscanf(s, "%d ", &k); err == nil {
				n += k
			}
		}
		records := len(c.Services) + len(c.Workload.Added) + len(c.Workload.Removed) + len(c.Practices) + len(c.Workforce)
		if n < records {
			t.Fatalf("summary %q counts %d, but %d records changed", c.Summary(), n, records)
		}
	})
}
