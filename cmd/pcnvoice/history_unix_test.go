//go:build unix

package main

import (
	"strings"
	"testing"
)

// TestHistoryReadOnly: history and diff only read, so a database in a
// read-only folder, or a read-only file, serves them, and is unchanged.
func TestHistoryReadOnly(t *testing.T) {
	for _, folder := range []bool{true, false} {
		db := makeReadOnly(t, cliHistoryDB(t), folder)
		before := fileSum(t, db)
		for _, tc := range []struct {
			args []string
			want string
		}{
			{[]string{"history"}, "4 exports, newest first"},
			{[]string{"history", "--json"}, `"revision": 4`},
			{[]string{"diff"}, "Population health management: amber → red"},
			{[]string{"diff", "@1", "@4", "--json"}, `"source": "revision 1"`},
		} {
			r := asReader(t, append([]string{"--db", db}, tc.args...)...)
			if r.code != 0 || !strings.Contains(r.stdout, tc.want) {
				t.Errorf("folder %v, %v: exit %d, stdout lacks %q:\n%s%s", folder, tc.args, r.code, tc.want, r.stdout, r.stderr)
			}
		}
		if fileSum(t, db) != before {
			t.Error("the read-only database changed")
		}
	}
}
