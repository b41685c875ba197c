// Command floor is SPEC §12's floor for `pcnvoice status`: a bare Go
// program that opens a database with the driver pcnvoice uses and runs one
// query, as the sqlite3 shell yardstick does. pcnbench builds it and times
// it beside status and sqlite3, so the floor is measured, not quoted. Built
// with -tags stack it also links the libraries pcnvoice is built on
// (stack.go), which shows how much of status's start-up they take.
//
//	floor DB
package main

import (
	"database/sql"
	"fmt"
	"os"

	_ "modernc.org/sqlite"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor DB")
		os.Exit(2)
	}
	db, err := sql.Open("sqlite", "file:"+os.Args[1]+"?_pragma=busy_timeout(5000)")
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	var n int
	err = db.QueryRow("SELECT count(*) FROM notes").Scan(&n)
	db.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Println(n)
}
