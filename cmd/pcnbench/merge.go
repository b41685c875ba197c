package main

import (
	"context"
	"fmt"
	"io"
)

// benchMerge compares `pcnvoice merge` with `jq -s length` over the same
// generated submissions; it arrives with the merge command.
func benchMerge(ctx context.Context, opt options, bin string, log io.Writer) ([]row, error) {
	return nil, fmt.Errorf("merge is not built yet: run with -only status,export")
}
