package xlsx

import (
	"fmt"
	"io"
	"strings"
)

// maxTag caps the bytes of one tag, from its < to its >. encoding/xml
// builds a tag's whole attribute list before returning it, about 50 bytes
// for each ` a=""` of 5: a 64 MiB part of one tag would take a gigabyte.
// Real tags are under a kilobyte; the root element's namespace list and a
// long sqref are the largest.
const maxTag = 1 << 20

// tagGuard passes a part's bytes through to the XML decoder, refusing a
// tag longer than maxTag. It follows quotes, since an attribute value may
// hold a >, and lets comments and CDATA sections run to their own ends
// uncounted: they are text, which the decoder holds once, not a list.
type tagGuard struct {
	r     io.Reader
	state guardState
	quote byte    // the quote an attribute value opened, or 0
	n     int     // bytes of the current tag
	bang  []byte  // what follows "<!", until it tells comment from CDATA
	last  [2]byte // the two bytes before, to see "-->" and "]]>"
}

type guardState byte

const (
	outside   guardState = iota
	inTag                // <name attr="…">, </name>, <?pi …?>, <!DOCTYPE …>
	inBang               // just after "<!"
	inComment            // <!-- … -->
	inCDATA              // <![CDATA[ … ]]>
)

func (g *tagGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	for _, b := range p[:n] {
		switch g.state {
		case outside:
			if b == '<' {
				g.state, g.quote, g.n, g.bang = inTag, 0, 0, g.bang[:0]
			}
		case inBang:
			g.bang = append(g.bang, b)
			switch s := string(g.bang); {
			case s == "--":
				g.state = inComment
			case s == "[CDATA[":
				g.state = inCDATA
			case !strings.HasPrefix("--", s) && !strings.HasPrefix("[CDATA[", s):
				g.state = inTag // a DOCTYPE, which the decoder refuses
				g.n += len(g.bang)
			}
		case inComment, inCDATA:
			if b == '>' && (g.state == inComment && g.last == [2]byte{'-', '-'} || g.state == inCDATA && g.last == [2]byte{']', ']'}) {
				g.state = outside
			}
		case inTag:
			switch {
			case g.n == 0 && b == '!':
				g.state = inBang
			case g.quote != 0:
				if b == g.quote {
					g.quote = 0
				}
			case b == '"' || b == '\'':
				g.quote = b
			case b == '>':
				g.state = outside
			}
			if g.n++; g.n > maxTag {
				return 0, fmt.Errorf("a tag longer than %s", size(maxTag))
			}
		}
		g.last = [2]byte{g.last[1], b}
	}
	return n, err
}
