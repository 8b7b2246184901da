package backend

import (
	"errors"
	"testing"
)

func TestUsersKeysBelongToOneUser(t *testing.T) {
	s := newStore(t)
	k1 := Key{Fingerprint: "SHA256:one", Key: "ssh-ed25519 AAAA1", Comment: "jo@laptop"}
	k2 := Key{Fingerprint: "SHA256:two", Key: "ssh-ed25519 AAAA2"}
	if _, err := s.AddUser(ctx, User{Name: "jo", Role: "pa", Keys: []Key{k1}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.AddUser(ctx, User{Name: "jo", Role: "pa", Plans: []string{"cccs"}, Keys: []Key{k1, k2}})
	if err != nil || len(got.Keys) != 2 || len(got.Plans) != 1 || got.Plans[0] != "cccs" {
		t.Fatalf("adding a key: %+v, %v", got, err)
	}
	var taken *KeyTakenError
	if _, err := s.AddUser(ctx, User{Name: "paul", Role: "ad", Person: "paul", Keys: []Key{{Fingerprint: "SHA256:three"}, k2}}); !errors.As(err, &taken) || taken.User != "jo" {
		t.Fatalf("another user's key: %v", err)
	}
	// The refused add wrote nothing: not paul, not his first key.
	if _, ok, _ := s.b.Login(ctx, "SHA256:three"); ok {
		t.Fatal("a refused add left a key behind")
	}
	var role *RoleTakenError
	if _, err := s.AddUser(ctx, User{Name: "jo", Role: "admin", Keys: []Key{{Fingerprint: "SHA256:four"}}}); !errors.As(err, &role) {
		t.Fatalf("another role: %v", err)
	}
	var unknown *UnknownRoleError
	if _, err := s.AddUser(ctx, User{Name: "ann", Role: "boss"}); !errors.As(err, &unknown) {
		t.Fatalf("no such role: %v", err)
	}
	a, ok, err := s.b.Login(ctx, "SHA256:two")
	if err != nil || !ok || a.Name != "jo" || a.Role != RolePA || len(a.Plans) != 1 {
		t.Fatalf("Login: %+v %v %v", a, ok, err)
	}
	if err := s.RemoveUser(ctx, "jo"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.b.Login(ctx, "SHA256:one"); ok {
		t.Fatal("a removed user's key still logs in")
	}
	var nf *NotFoundError
	if err := s.RemoveUser(ctx, "jo"); !errors.As(err, &nf) {
		t.Fatalf("removing twice: %v", err)
	}
	if list, err := s.Users(ctx); err != nil || len(list) != 0 {
		t.Fatalf("Users: %v %v", list, err)
	}
}

// Only an admin manages users: every other role is refused, naming the
// role and the action.
func TestOnlyAnAdminManagesUsers(t *testing.T) {
	s := newStore(t)
	for _, r := range []Role{RolePA, RoleManager, RoleAD} {
		as := s.b.As(Actor{Name: "x", Role: r, Person: "x"})
		_, err1 := as.AddUser(ctx, User{Name: "y", Role: "admin", Keys: []Key{{Fingerprint: "SHA256:y"}}})
		err2 := as.RemoveUser(ctx, "ann")
		_, err3 := as.Users(ctx)
		for _, err := range []error{err1, err2, err3} {
			var f *ForbiddenError
			if !errors.As(err, &f) || f.Role != r || f.Action != ActManageUsers {
				t.Errorf("%s: %v, want refused", r, err)
			}
		}
	}
	if _, ok, _ := s.b.Login(ctx, "SHA256:y"); ok {
		t.Fatal("a refused role added a user")
	}
}
