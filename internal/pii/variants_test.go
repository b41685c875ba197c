package pii

import (
	"testing"
)

// The outcomes a variant expects.
const (
	blocksNHS = "blocks: nhs-number"
	blocksDOB = "blocks: dob"
	warnsOnly = "warns, never blocks"
	clean     = "no NHS number or date of birth"
)

// variant is one way a person might type (or paste) patient data, or
// something that must not be taken for it.
type variant struct {
	name, text, want string
}

// nhsVariants are the valid NHS number 943 476 5919 as people type and
// paste it (issue #15): every one blocks.
var nhsVariants = []variant{
	{"full-width digits", "NHS ９４３ ４７６ ５９１９", blocksNHS},
	{"full-width run together", "９４３４７６５９１９", blocksNHS},
	{"full-width hyphens", "９４３－４７６－５９１９", blocksNHS},
	{"Arabic-Indic digits", "٩٤٣ ٤٧٦ ٥٩١٩", blocksNHS},
	{"Persian digits", "۹۴۳ ۴۷۶ ۵۹۱۹", blocksNHS},
	{"Devanagari digits", "९४३ ४७६ ५९१९", blocksNHS},
	{"Bengali digits", "৯৪৩৪৭৬৫৯১৯", blocksNHS},
	{"mathematical digits", "𝟗𝟒𝟑 𝟒𝟕𝟔 𝟓𝟗𝟏𝟗", blocksNHS},
	{"circled digits", "⑨④③ ④⑦⑥ ⑤⑨①⑨", blocksNHS},
	{"superscript digits", "⁹⁴³ ⁴⁷⁶ ⁵⁹¹⁹", blocksNHS},
	{"mixed scripts", "9٤3 ４76 5९19", blocksNHS},
	{"zero-width spaces between groups", "943\u200b476\u200b5919", blocksNHS},
	{"zero-width space inside a group", "94\u200b3 476 5919", blocksNHS},
	{"word joiners", "943\u2060476\u20605919", blocksNHS},
	{"soft hyphens", "943\u00ad476\u00ad5919", blocksNHS},
	{"zero-width joiners", "943\u200d476\u200c5919", blocksNHS},
	{"byte-order marks", "\ufeff943\ufeff476 5919", blocksNHS},
	{"bidi controls", "\u202a943 476\u202c 5919", blocksNHS},
	{"combining marks", "9\u0303434765919", blocksNHS},
	{"no-break spaces", "943\u00a0476\u00a05919", blocksNHS},
	{"thin spaces", "943\u2009476\u20095919", blocksNHS},
	{"narrow no-break spaces", "943\u202f476\u202f5919", blocksNHS},
	{"figure spaces", "943\u2007476\u20075919", blocksNHS},
	{"ideographic spaces", "943\u3000476\u30005919", blocksNHS},
	{"em spaces", "943\u2003476\u20035919", blocksNHS},
	{"minus signs", "943\u2212476\u22125919", blocksNHS},
	{"en dashes", "943\u2013476\u20135919", blocksNHS},
	{"em dashes", "943\u2014476\u20145919", blocksNHS},
	{"four spaces", "943    476    5919", blocksNHS},
	{"tabs", "943\t476\t5919", blocksNHS},
	{"two dashes", "943--476--5919", blocksNHS},
	{"dots", "943.476.5919", blocksNHS},
	{"slashes", "943/476/5919", blocksNHS},
	{"grouped 2-4-4", "NHS no 94 3476 5919", blocksNHS},
	{"grouped 4-3-3", "9434 765 919", blocksNHS},
	{"grouped 5-5", "94347 65919", blocksNHS},
	{"grouped 3-4-3", "943 4765 919", blocksNHS},
	{"in pairs", "94 34 76 59 19", blocksNHS},
	{"digit by digit", "9 4 3 4 7 6 5 9 1 9", blocksNHS},
	{"after a list number", "1. 94 3476 5919", blocksNHS},
	{"after +", "+9434765919", blocksNHS},
	{"after + grouped", "+943 476 5919", blocksNHS},
	{"after (0)", "(0)943 476 5919", blocksNHS},
	{"after (0) and a space", "(0) 9434765919", blocksNHS},
	{"after four digits", "0161 9434765919", blocksNHS},
	{"starting 0044", "0044630700", blocksNHS}, // no phone number: too short
}

// dobVariants are dates of birth as people write them: every one blocks.
var dobVariants = []variant{
	{"birthdate:", "birthdate: 01/02/1960", blocksDOB},
	{"Birthdate written", "Birthdate 1 Feb 1960", blocksDOB},
	{"birth date", "birth date 01.02.60", blocksDOB},
	{"birth-date", "birth-date 01-02-1960", blocksDOB},
	{"date-of-birth", "date-of-birth 01/02/1960", blocksDOB},
	{"date_of_birth", "date_of_birth: 1960-02-01", blocksDOB},
	{"full-width DOB", "ＤＯＢ 01/02/1960", blocksDOB},
	{"full-width everything", "ＤＯＢ：０１／０２／１９６０", blocksDOB},
	{"DOB with spaces", "DOB 01 02 1960", blocksDOB},
	{"DOB with spaces, two-digit year", "DOB 01 02 60", blocksDOB},
	{"DOB ordinal month", "DOB 1st February 1960", blocksDOB},
	{"born ordinal month", "born 1st February 1960", blocksDOB},
	{"born on the", "born on the 1st of February 1960", blocksDOB},
	{"DoB mixed case", "DoB: 01-02-60", blocksDOB},
	{"D.O.B without the last dot", "D.O.B 01/02/1960", blocksDOB},
	{"DOB. then date", "DOB. 01/02/1960", blocksDOB},
	{"zero-width space in the date", "DOB 01\u200b/02/1960", blocksDOB},
	{"zero-width space in the keyword", "D\u200bOB 01/02/1960", blocksDOB},
	{"soft hyphen in the keyword", "birth\u00addate 01/02/1960", blocksDOB},
	{"no-break space", "DOB\u00a001/02/1960", blocksDOB},
	{"en dashes", "DOB 01\u201302\u20131960", blocksDOB},
	{"full-width digits", "DOB ０１/０２/１９６０", blocksDOB},
	{"date then (DOB)", "01/02/1960 (DOB)", blocksDOB},
	{"date then date of birth", "1 Feb 1960 - date of birth", blocksDOB},
	{"date of birth (DOB):", "date of birth (DOB): 01/02/1960", blocksDOB},
}

// negatives look a little like patient data but are not: telephone
// numbers (Ofcom's drama numbers, chosen so that their ten-digit national
// part passes the NHS check and so would block if misread), invoice
// numbers failing the check, dates away from a date-of-birth keyword, and
// board prose full of figures (date ranges chosen so that ten digits of
// them in a row pass the check).
var negatives = []variant{
	{"phone", "Tel 0161 496 0003", clean},
	{"phone run together", "01614960003", clean},
	{"phone dashed", "0161-496-0003", clean},
	{"phone with thin spaces", "0161\u2009496\u20090003", clean},
	{"phone full-width", "０１６１ ４９６ ０００３", clean},
	{"London phone", "020 7946 0005", clean},
	{"mobile", "07700 900019", clean},
	{"international", "+44 161 496 0003", clean},
	{"international (0)", "+44 (0)161 496 0003", clean},
	{"international (0) run together", "+44(0)1614960003", clean},
	{"international run together", "+441614960003", clean},
	{"international London", "+44 20 7946 0005", clean},
	{"international mobile", "+44 7700 900019", clean},
	{"international 0044", "0044 161 496 0003", clean},
	{"international + 44", "+ 44 161 496 0003", clean},
	{"invoice run together", "Invoice 1234567890", clean},
	{"invoice with prefix", "INV-9434765918", clean},
	{"invoice grouped 2-4-4", "PO 40 1023 2138", clean},
	{"invoice grouped 3-3-4", "ref 943-476-5918", warnsOnly},
	{"date without keyword", "Reviewed on 01/02/1960.", clean},
	{"keyword far from date", "DOB not recorded. The clinic opened on 01/02/1960.", clean},
	{"born without a date", "The hub was born out of the 2019 merger.", clean},
	{"born in a year", "born in 1960", clean},
	{"review date", "Date of review: 01/02/2026", clean},
	{"newborn", "newborn checks 01/02/2026", clean},
	{"date then Dobson", "01/02/1960 Dobson", clean},
	{"quarter range", "Q2 runs 01/07/2025 - 30/09/2025.", clean},
	{"quarter range with dots", "Q3: 01.10.2024 - 31.12.2024", clean},
	{"financial years", "2020/21 2021/22 2022/23", clean},
	{"financial year range", "from 2020/21 - 2021/22", clean},
	{"figures", "1,240 extra appointments in Q3 2026/27, up 12% on 1,107.", clean},
	{"list sizes", "list sizes 10,250 and 9,870 (41,250 in all)", clean},
	{"ODS codes", "M85001 M85002 M85003", clean},
	{"timestamp", "2026-11-18T16:45:00Z", clean},
	{"times", "clinics 9.30-12.00 and 14.00-17.30", clean},
	{"WTE", "0.25 WTE, 1.5 WTE and 2.75 WTE", clean},
}

// TestVariants: every variant is reported as it should be.
func TestVariants(t *testing.T) {
	for _, table := range [][]variant{nhsVariants, dobVariants, negatives} {
		for _, v := range table {
			t.Run(v.name, func(t *testing.T) {
				fs := Scan([]Field{{Path: "f", Text: v.text}}, Options{})
				checkInvariants(t, v.text, fs)
				if got := outcome(fs); got != v.want {
					t.Errorf("Scan(%q): %s, want %s\n%v", v.text, got, v.want, fs)
				}
			})
		}
	}
}

// outcome sums up findings in the words of the variant tables.
func outcome(fs []Finding) string {
	blockedAs := ""
	warned := false
	for _, f := range fs {
		switch {
		case f.Level == Block && blockedAs == "":
			blockedAs = f.Kind
		case f.Kind == KindNHSNumberInvalid:
			warned = true
		}
	}
	switch {
	case blockedAs != "":
		return "blocks: " + blockedAs
	case warned:
		return warnsOnly
	}
	return clean
}
