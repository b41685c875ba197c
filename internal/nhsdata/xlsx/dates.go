package xlsx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// maxCellFormats caps the cell formats (xf) read from styles; Excel allows
// 64,000. Cells pointing past the cap read as not dates.
const maxCellFormats = 65_536

// readStyles learns which cell formats show a date, so Rows can give such
// cells as dates rather than day counts. A workbook without styles has
// none.
func (w *Workbook) readStyles() error {
	rc, err := w.openPart(w.stylesPart, smallPartLimit)
	if errors.Is(err, errNoPart) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("styles: %w", err)
	}
	defer rc.Close()
	custom := map[int]bool{} // numFmtId → shows a date
	var formats []int        // numFmtId of each cell format, in order
	inCellXfs := false
	d := newDecoder(rc, w.stylesPart, true)
	for {
		tok, err := d.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("styles: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				if id, err := strconv.Atoi(attr(t, "numFmtId")); err == nil {
					custom[id] = dateFormat(attr(t, "formatCode"))
				}
			case "cellXfs":
				inCellXfs = true
			case "xf":
				// cellStyleXfs holds xf elements too; only cellXfs' are the
				// formats a cell's s= attribute counts through.
				if inCellXfs && len(formats) < maxCellFormats {
					id, _ := strconv.Atoi(attr(t, "numFmtId"))
					formats = append(formats, id)
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inCellXfs = false
			}
		}
	}
	w.dateStyle = make([]bool, len(formats))
	for i, id := range formats {
		date, ok := custom[id]
		if !ok {
			date = builtinDate(id)
		}
		w.dateStyle[i] = date
	}
	return nil
}

// builtinDate reports whether a built-in number format shows a date:
// 14–17 and 22 (m/d/yyyy … m/d/yyyy h:mm) and the East Asian date formats
// 27–36 and 50–58. The time-only formats 18–21 and 45–47 are left out: a
// time of day or a duration is not a date.
func builtinDate(id int) bool {
	return id >= 14 && id <= 17 || id == 22 || id >= 27 && id <= 36 || id >= 50 && id <= 58
}

// dateFormat reports whether a custom number format code shows a date: it
// has a day or year part, or a month without hours or seconds ("m" alone
// is minutes next to them). Quoted text, [colour] and [$-locale] blocks,
// escaped characters and the padding and fill markers _x and *x are not
// format parts ("General" and "0.00E+00" hold no date letters), except that
// [h], [m] and [s] mark elapsed time.
func dateFormat(code string) bool {
	var day, month, year, clock bool
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"', '[':
			end := byte('"')
			if c == '[' {
				end = ']'
			}
			j := strings.IndexByte(code[i+1:], end)
			if j < 0 {
				j = len(code) - i - 1
			}
			// [h], [mm], [ss]: elapsed time, a duration rather than a date.
			if c == '[' && j > 0 && strings.Trim(strings.ToLower(code[i+1:i+1+j]), "hms") == "" {
				clock = true
			}
			i += j + 1
		case '\\', '_', '*':
			i++ // the next character is literal text or a padding width
		case 'd', 'D':
			day = true
		case 'm', 'M':
			month = true
		case 'y', 'Y':
			year = true
		case 'h', 'H', 's', 'S':
			clock = true
		}
	}
	return day || year || month && !clock
}

// maxSerial is 9999-12-31 in the 1900 date system, the last day Excel
// shows; the 1904 system's last day is 1,462 lower.
const maxSerial = 2_958_465

// Day zero of each date system. In the 1900 system Excel keeps Lotus
// 1-2-3's mistake: it counts a 29 February 1900 that never was (serial
// 60), so from 1 March 1900 (serial 61) days count from 30 December 1899,
// and before it from 31 December.
var (
	epoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// DateFromSerial converts an Excel serial day number, the way a date cell
// stores its value, to the time it shows, rounded to the second. ok is
// false for a number that shows no date: negative, not finite, past
// 9999-12-31, below 1 in the 1900 system (Excel shows "1900-01-00"), or 60
// there (the day that never was).
func DateFromSerial(v float64, date1904 bool) (t time.Time, ok bool) {
	if math.IsNaN(v) || v < 0 || v >= maxSerial+1 || !date1904 && v < 1 {
		return time.Time{}, false
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	if secs >= 86400 { // 23:59:59.6 rounds up to the next day
		days, secs = days+1, 0
	}
	epoch := epoch1904
	if !date1904 {
		switch {
		case days == 60:
			return time.Time{}, false
		case days < 60:
			days++
		}
		epoch = epoch1900
	}
	t = epoch.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	return t, t.Year() <= 9999
}

// dateValue gives a date cell's stored number as an ISO 8601 date, with
// the time of day when it has one ("2019-07-01", "2019-07-01T09:30:00"),
// or the number unchanged when it is less than a day or shows no date.
func dateValue(raw string, date1904 bool) string {
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || v < 1 {
		return raw
	}
	t, ok := DateFromSerial(v, date1904)
	switch {
	case !ok:
		return raw
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0:
		return t.Format(time.DateOnly)
	}
	return t.Format("2006-01-02T15:04:05")
}
