// Package report renders submissions (and, through its shared helpers, forum
// packs) as board-ready Markdown and HTML.
//
// Everything a person typed reaches the output through one of two doors:
// Markdown through EscapeMarkdown or MarkdownCell, which neutralise Markdown
// and inline HTML syntax and strip terminal control characters; HTML through
// html/template, whose contextual escaping is never bypassed for user text
// (the charts are themselves html/template output). The HTML is one
// self-contained file — inline CSS and SVG, no scripts, a strict
// Content-Security-Policy — because board papers travel by email and are
// opened offline on locked-down NHS laptops.
//
// A forum pack renderer (forum*.go in this package) reuses the pieces: the
// escapers, MarkdownTable, the status words and counts, BarChart and
// StatusBar, and NewPage/ExecutePage for the shared page and CSS.
package report
