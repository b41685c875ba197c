package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// TestRoleConflictSaysItOnce: a second line for a role is an ErrConflict
// whose text is one sentence, without "(already exists)" tacked on.
func TestRoleConflictSaysItOnce(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	r := domain.Role{Key: "care-coordinator", InPost: 100, Planned: 200}
	if _, err := db.AddRole(ctx, r); err != nil {
		t.Fatal(err)
	}
	_, err := db.AddRole(ctx, r)
	if !errors.Is(err, ErrConflict) || err.Error() != "the role care-coordinator has a line already: edit that one" || strings.Contains(err.Error(), "already exists") {
		t.Errorf("err = %v", err)
	}
}
