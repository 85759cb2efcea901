package native

// The native UserMfaPreferenceSet from Go: the generated SDK's map of users, keyed by usernames
// with Unicode, +, @, :, / and a leading __, through the real CLI and engine. Create adopts the
// users as they are, a change to one user writes that user, and the outputs hold every user
// under its own name.

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/pulumi-cognito-mfa/pulumi-cognito-mfa/sdk/go/cognitomfa"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func TestPreferenceSet(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	root := projectRoot(t)
	endpoint := startCognito(t, root)
	cog := newCognito(endpoint)
	cog.createPool(ctx, t)
	usernames := []string{"José", "李小龙", "a+b@example.com", "ops:carol", "a/b", "__admin"}
	preferred := map[string]bool{}
	for _, username := range usernames {
		cog.createUser(ctx, t, username)
		cog.setOutOfBand(ctx, t, username, map[string]any{"SMSMfaSettings": factorSettings(true, true)})
		preferred[username] = true
	}

	run := func(ctx *pulumi.Context) error {
		users := cognitomfa.UserFactorsMap{}
		for username, isPreferred := range preferred {
			users[username] = cognitomfa.UserFactorsArgs{SmsMfa: factor(true, isPreferred)}
		}
		set, err := cognitomfa.NewUserMfaPreferenceSet(ctx, "pool", &cognitomfa.UserMfaPreferenceSetArgs{UserPoolId: pulumi.String(cog.pool), Users: users})
		if err != nil {
			return err
		}
		ctx.Export("users", set.Users)
		return nil
	}

	const project = "native-go-set"
	dir := filepath.Join(root, ".cache", "stacks", project)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "state"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": region, "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": endpoint}
	stack, err := auto.UpsertStackInlineSource(ctx, "test", project, run,
		auto.WorkDir(dir),
		auto.Project(workspace.Project{
			Name:    tokens.PackageName(project),
			Runtime: workspace.NewProjectRuntimeInfo("go", nil),
			Backend: &workspace.ProjectBackend{URL: "file://" + filepath.Join(dir, "state")},
		}),
		auto.EnvVars(pulumiEnv(dir, env)),
	)
	if err != nil {
		t.Fatal(err)
	}
	installPlugin(ctx, t, stack, root)

	up, err := stack.Up(ctx)
	if err != nil {
		t.Fatalf("up: %v", err)
	}
	stored, _ := up.Outputs["users"].Value.(map[string]any)
	if got := slices.Sorted(maps.Keys(stored)); !slices.Equal(got, slices.Sorted(slices.Values(usernames))) {
		t.Fatalf("the outputs' users: %v, want %v", got, usernames)
	}
	for _, username := range usernames {
		if got := cog.mfaOf(ctx, t, username); got != (mfa{"SMS_MFA", "SMS_MFA"}) {
			t.Fatalf("%s after the adopting up: %+v", username, got)
		}
	}
	if _, err := stack.Preview(ctx, optpreview.Refresh(), optpreview.ExpectNoChanges()); err != nil {
		t.Fatalf("the refresh preview after the adopting up: %v", err)
	}

	preferred["__admin"] = false
	if _, err := stack.Up(ctx); err != nil {
		t.Fatalf("up: %v", err)
	}
	for _, username := range usernames {
		want := mfa{"SMS_MFA", "SMS_MFA"}
		if username == "__admin" {
			want = mfa{"SMS_MFA", ""}
		}
		if got := cog.mfaOf(ctx, t, username); got != want {
			t.Fatalf("%s after the change: %+v, want %+v", username, got, want)
		}
	}
}
