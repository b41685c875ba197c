package report

// The chair's own words (SPEC §5, [forum] summary_file) are Markdown the
// chair wrote, so the papers honour its shape — paragraphs, headings,
// lists, block quotes, emphasis, code — while its text is escaped as all
// user text is: raw HTML shows as text, a link shows as its words (a board
// paper invites no click, and the page's policy forbids one), an image as
// its description. It is read once (CommonMark, by our own reader) into
// the small tree below, and both papers are written from that tree, so
// they cannot disagree about what the chair said.

// chairBlock is one block of the chair's words.
type chairBlock struct {
	kind  blockKind
	inl   []chairInline  // paragraph, heading
	items [][]chairBlock // list items
	tight bool           // a tight list: items without paragraph spacing
	start int            // an ordered list's first number
	kids  []chairBlock   // block quote
	text  string         // code block
}

type blockKind int

const (
	chairPara blockKind = iota
	chairHeading
	chairBullets
	chairNumbered
	chairQuote
	chairCode
	chairRule
)

// chairInline is one run of inline content.
type chairInline struct {
	kind inlineKind
	text string        // text, code
	kids []chairInline // emphasis, strong
}

type inlineKind int

const (
	chairText inlineKind = iota
	chairEm
	chairStrong
	chairCodeSpan
	chairBreak
)

// maxChairDepth bounds how deeply lists and quotes nest, and emphasis
// within emphasis; deeper ones are flattened into their text. A paper has
// no use for more, and a file of ">>>>…" must not make a paper of
// indentation.
const maxChairDepth = 6

// parseChair reads the chair's Markdown into blocks, after removing
// terminal escapes and control characters. The reader is our own
// (chair_parse.go, chair_inline.go), not a library's: status and every
// other command link this package, and a Markdown library's package inits
// ran at every start-up for words only the forum papers read (SPEC §12
// gives status a start-up budget that every linked package spends from).
func parseChair(md string) []chairBlock {
	return chairTree(parseMarkdown(clean(md)))
}
