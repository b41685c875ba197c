// Command floor is SPEC §12's floor for `pcnvoice status`: a bare Go
// program that opens a database with the driver pcnvoice uses and runs one
// query, as the sqlite3 shell yardstick does. pcnbench builds it and times
// it beside status and sqlite3, so the floor is measured, not quoted. Built
// with -tags stack it also links the libraries pcnvoice is built on
// (stack.go), which shows how much of status's start-up they take.
//
//	floor DB          count the notes, as the shell yardstick does
//	floor DB SQL      run SQL instead (pcnbench passes status's statement)
//	floor -           stop at once: the program's start-up alone
package main

import (
	"database/sql"
	"fmt"
	"os"

	_ "modernc.org/sqlite"
)

func main() {
	if len(os.Args) == 2 && os.Args[1] == "-" {
		return
	}
	if len(os.Args) < 2 || len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: floor DB [SQL] | floor -")
		os.Exit(2)
	}
	query := "SELECT count(*) FROM notes"
	if len(os.Args) == 3 {
		query = os.Args[2]
	}
	db, err := sql.Open("sqlite", "file:"+os.Args[1]+"?_pragma=busy_timeout(5000)")
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	// Every column is read, whatever the statement, as status reads its own.
	rows, err := db.Query(query)
	n := 0
	if err == nil {
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		for i := range vals {
			vals[i] = new(any)
		}
		for rows.Next() {
			if err = rows.Scan(vals...); err != nil {
				break
			}
			n++
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
	}
	db.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Println(n)
}
