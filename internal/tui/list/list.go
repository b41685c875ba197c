// Package list is the cursor and scroll window shared by the TUI's lists.
// It keeps only numbers — which row is selected, which rows are on screen —
// so a screen draws just the visible rows however long its list is: a
// keystroke on 5,000 notes costs the same as on five.
package list

// Cursor is a selected index into a list of N rows, and the first row of a
// window Height rows tall that always contains it.
type Cursor struct {
	index, offset, n, height int
}

// Index is the selected row (0 when the list is empty).
func (c Cursor) Index() int { return c.index }

// Len is the number of rows.
func (c Cursor) Len() int { return c.n }

// Window returns the half-open range [start, end) of rows to draw.
func (c Cursor) Window() (start, end int) {
	return c.offset, min(c.offset+c.height, c.n)
}

// SetLen sets the number of rows, keeping the selection in range.
func (c *Cursor) SetLen(n int) {
	c.n = max(n, 0)
	c.clamp()
}

// SetHeight sets how many rows fit on screen.
func (c *Cursor) SetHeight(h int) {
	c.height = max(h, 1)
	c.clamp()
}

// Move moves the selection by delta rows, stopping at either end.
func (c *Cursor) Move(delta int) {
	c.index += delta
	c.clamp()
}

// Select moves the selection to row i.
func (c *Cursor) Select(i int) {
	c.index = i
	c.clamp()
}

// Page moves by a screenful: +1 down, -1 up.
func (c *Cursor) Page(dir int) { c.Move(dir * max(c.height-1, 1)) }

// Top selects the first row.
func (c *Cursor) Top() { c.Select(0) }

// Bottom selects the last row.
func (c *Cursor) Bottom() { c.Select(c.n - 1) }

func (c *Cursor) clamp() {
	c.index = min(max(c.index, 0), max(c.n-1, 0))
	if c.height < 1 {
		c.height = 1
	}
	if c.index < c.offset {
		c.offset = c.index
	}
	if c.index >= c.offset+c.height {
		c.offset = c.index - c.height + 1
	}
	// Never leave empty rows below the list while rows above are hidden.
	c.offset = min(c.offset, max(c.n-c.height, 0))
	c.offset = max(c.offset, 0)
}

// Height is how many rows fit on screen.
func (c Cursor) Height() int { return c.height }
