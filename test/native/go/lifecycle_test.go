package native

// The native provider from Go: the generated Go SDK and the installed plugin, through the real CLI
// and engine, against the Cognito emulator. The same steps as test/native/lifecycle.test.ts, on
// one stack, in order, as a user's would be.

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi-cognito-mfa/pulumi-cognito-mfa/sdk/go/cognitomfa"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// planted are credentials the plugin receives; they must never reach state or output.
var planted = map[string]string{
	"AWS_ACCESS_KEY_ID":     "AKIAPLANTEDNATIVE0003",
	"AWS_SECRET_ACCESS_KEY": "planted-native-secret-go",
}

// declared is one resource of the program. args is copied on each run: NewUserMfaPreference
// replaces AccessToken with a secret output that belongs to that run.
type declared struct {
	name string
	args cognitomfa.UserMfaPreferenceArgs
	opts []pulumi.ResourceOption
}

func factor(enabled, preferred bool) *cognitomfa.FactorSettingsArgs {
	return &cognitomfa.FactorSettingsArgs{Enabled: pulumi.Bool(enabled), Preferred: pulumi.Bool(preferred)}
}

// factorSettings is a factor's settings in a Cognito request.
func factorSettings(enabled, preferred bool) map[string]bool {
	return map[string]bool{"Enabled": enabled, "PreferredMfa": preferred}
}

// resource is a resource of the exported state, as much as the test reads.
type resource struct {
	URN     string
	Type    string
	ID      string
	Inputs  map[string]any
	Outputs map[string]any
}

// lockedBuffer collects a command's stdout and stderr, which are copied from two goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func TestLifecycle(t *testing.T) {
	// Shorter than go test's -timeout, so the CLI is interrupted and the cleanups run.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	root := projectRoot(t)

	endpoint := startCognito(t, root)
	cog := newCognito(endpoint)
	cog.createPool(ctx, t)
	aliceToken := cog.createUser(ctx, t, "alice")
	bobToken := cog.createUser(ctx, t, "bob")
	cog.createUser(ctx, t, "carol")
	// bob's TOTP is set out of band and never declared: no step may touch it.
	cog.verifyTotp(ctx, t, bobToken)
	cog.setOutOfBand(ctx, t, "bob", map[string]any{"SoftwareTokenMfaSettings": factorSettings(true, false)})
	cog.setOutOfBand(ctx, t, "carol", map[string]any{"SMSMfaSettings": factorSettings(true, true)})
	user := func(name, username string, args cognitomfa.UserMfaPreferenceArgs, opts ...pulumi.ResourceOption) declared {
		args.UserPoolId, args.Username = pulumi.String(cog.pool), pulumi.String(username)
		return declared{name, args, opts}
	}

	var program []declared
	run := func(ctx *pulumi.Context) error {
		for _, d := range program {
			args := d.args
			r, err := cognitomfa.NewUserMfaPreference(ctx, d.name, &args, d.opts...)
			if err != nil {
				return err
			}
			ctx.Export(d.name, pulumi.Map{"enabledMfas": r.EnabledMfas, "preferredMfa": r.PreferredMfa})
		}
		return nil
	}

	const project = "native-go"
	dir := filepath.Join(root, ".cache", "stacks", project)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "state"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"AWS_ACCESS_KEY_ID":     "testing",
		"AWS_SECRET_ACCESS_KEY": "testing",
		"AWS_REGION":            region,
		"AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": endpoint,
	}
	maps.Copy(env, planted)
	stack, err := auto.UpsertStackInlineSource(ctx, "test", project, run,
		auto.WorkDir(dir),
		auto.Project(workspace.Project{
			Name:    tokens.PackageName(project),
			Runtime: workspace.NewProjectRuntimeInfo("go", nil),
			Backend: &workspace.ProjectBackend{URL: "file://" + filepath.Join(dir, "state")},
		}),
		auto.EnvVars(pulumiEnv(dir, env)))
	if err != nil {
		t.Fatal(err)
	}
	installPlugin(ctx, t, stack, root)

	// Everything the CLI printed in this test's runs.
	var printed lockedBuffer
	up := func(t *testing.T, opts ...optup.Option) auto.UpResult {
		t.Helper()
		res, err := stack.Up(ctx, append(opts, optup.ProgressStreams(&printed), optup.ErrorProgressStreams(&printed))...)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	changes := func(t *testing.T, summary auto.UpdateSummary, want map[string]int) {
		t.Helper()
		if summary.ResourceChanges == nil || !reflect.DeepEqual(*summary.ResourceChanges, want) {
			t.Fatalf("resource changes: got %v, want %v", summary.ResourceChanges, want)
		}
	}
	cognitoShows := func(t *testing.T, username string, want mfa) {
		t.Helper()
		if got := cog.mfaOf(ctx, t, username); got != want {
			t.Fatalf("%s in Cognito: got %+v, want %+v", username, got, want)
		}
	}
	exportedState := func(t *testing.T) string {
		t.Helper()
		out, err := cli(ctx, stack, "stack", "export", "--show-secrets=false")
		printed.Write([]byte(out))
		if err != nil {
			t.Fatalf("pulumi stack export: %v\n%s", err, out)
		}
		return out
	}
	// stateFiles is every file of the stack's backend: the checkpoint, its backups and its history.
	stateFiles := func(t *testing.T) string {
		t.Helper()
		var all strings.Builder
		err := filepath.WalkDir(filepath.Join(dir, "state"), func(path string, entry os.DirEntry, err error) error {
			if err != nil || entry.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			all.Write(data)
			all.WriteString("\n")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return all.String()
	}
	// nothingLeaked checks that no planted credential, nor any of secrets, is in the live state
	// (`pulumi stack export` and the backend's files) or in anything the CLI printed so far. Run
	// while the resources exist: after destroy the state holds none of them.
	nothingLeaked := func(t *testing.T, secrets ...string) {
		t.Helper()
		places := []struct{ where, text string }{
			{"pulumi stack export", exportedState(t)},
			{"the state files", stateFiles(t)},
			{"the CLI's output", printed.String()},
		}
		for _, place := range places {
			for _, secret := range append([]string{planted["AWS_ACCESS_KEY_ID"], planted["AWS_SECRET_ACCESS_KEY"]}, secrets...) {
				if strings.Contains(place.text, secret) {
					t.Errorf("%s… leaked into %s", secret[:12], place.where)
				}
			}
		}
	}
	stored := func(t *testing.T, state, name string) resource {
		t.Helper()
		var exported struct {
			Deployment struct{ Resources []resource }
		}
		if err := json.Unmarshal([]byte(state), &exported); err != nil {
			t.Fatal(err)
		}
		for _, r := range exported.Deployment.Resources {
			if strings.HasSuffix(r.URN, "::"+name) {
				return r
			}
		}
		t.Fatalf("no %s in state", name)
		return resource{}
	}
	isSecret := func(value any) bool {
		secret, ok := value.(map[string]any)
		return ok && secret["ciphertext"] != nil && secret["ciphertext"] != ""
	}

	carolAsIs := cognitomfa.UserMfaPreferenceArgs{
		SmsMfa:           factor(true, true),
		SoftwareTokenMfa: factor(false, false),
		EmailMfa:         factor(false, false),
	}

	steps := []struct {
		name string
		test func(t *testing.T)
	}{
		{"1_create", func(t *testing.T) {
			program = []declared{user("alice", "alice", cognitomfa.UserMfaPreferenceArgs{SmsMfa: factor(true, true)})}
			res := up(t)
			changes(t, res.Summary, map[string]int{"create": 2}) // the stack and alice
			cognitoShows(t, "alice", mfa{"SMS_MFA", "SMS_MFA"})
			want := map[string]any{"enabledMfas": []any{"SMS_MFA"}, "preferredMfa": "SMS_MFA"}
			if got := res.Outputs["alice"].Value; !reflect.DeepEqual(got, want) {
				t.Fatalf("outputs: got %v, want %v", got, want)
			}
			alice := stored(t, exportedState(t), "alice")
			if alice.Type != "cognito-mfa:index:UserMfaPreference" || alice.ID != cog.pool+"/alice" {
				t.Fatalf("stored as %s %s", alice.Type, alice.ID)
			}
			if _, ok := alice.Inputs["__provider"]; ok {
				t.Fatal("code in state: inputs have __provider")
			}
			nothingLeaked(t)
		}},
		{"2_drift", func(t *testing.T) {
			cog.setOutOfBand(ctx, t, "alice", map[string]any{"SMSMfaSettings": factorSettings(false, false)})
			var lines bytes.Buffer
			_, err := stack.Preview(ctx, optpreview.Refresh(), optpreview.ExpectNoChanges(),
				optpreview.ProgressStreams(&lines), optpreview.ErrorProgressStreams(&printed))
			printed.Write(lines.Bytes())
			if err == nil {
				t.Fatalf("preview --refresh --expect-no-changes passed despite the drift:\n%s", lines.String())
			}
			if !strings.Contains(lines.String(), "smsMfa") {
				t.Fatalf("the preview does not name smsMfa:\n%s", lines.String())
			}
			changes(t, up(t, optup.Refresh()).Summary, map[string]int{"same": 1, "update": 1})
			cognitoShows(t, "alice", mfa{"SMS_MFA", "SMS_MFA"})
		}},
		{"3_update", func(t *testing.T) {
			program = []declared{user("alice", "alice", cognitomfa.UserMfaPreferenceArgs{SmsMfa: factor(true, false)})}
			changes(t, up(t).Summary, map[string]int{"same": 1, "update": 1})
			cognitoShows(t, "alice", mfa{"SMS_MFA", ""})
		}},
		{"4_replace", func(t *testing.T) {
			// Deleting first: the old user's managed factor is turned off.
			program = []declared{user("alice", "bob", cognitomfa.UserMfaPreferenceArgs{SmsMfa: factor(true, false)})}
			changes(t, up(t).Summary, map[string]int{"same": 1, "replace": 1})
			cognitoShows(t, "alice", mfa{"", ""})
			cognitoShows(t, "bob", mfa{"SMS_MFA,SOFTWARE_TOKEN_MFA", ""})
		}},
		{"5_import", func(t *testing.T) {
			program = []declared{program[0], user("carol", "carol", carolAsIs, pulumi.Import(pulumi.ID(cog.pool+"/carol")))}
			changes(t, up(t).Summary, map[string]int{"same": 2, "import": 1})
			cognitoShows(t, "carol", mfa{"SMS_MFA", "SMS_MFA"})
			preview, err := stack.Preview(ctx, optpreview.Refresh(), optpreview.ExpectNoChanges(),
				optpreview.ProgressStreams(&printed), optpreview.ErrorProgressStreams(&printed))
			if err != nil {
				t.Fatalf("preview after import: %v", err)
			}
			if want := map[apitype.OpType]int{"same": 3}; !reflect.DeepEqual(preview.ChangeSummary, want) {
				t.Fatalf("preview: got %v, want %v", preview.ChangeSummary, want)
			}

			managed := carolAsIs
			managed.SmsMfa = factor(true, false)
			program = []declared{program[0], user("carol", "carol", managed)}
			changes(t, up(t).Summary, map[string]int{"same": 2, "update": 1})
			cognitoShows(t, "carol", mfa{"SMS_MFA", ""})
		}},
		{"6_self_service", func(t *testing.T) {
			program = append(program, declared{name: "alice-self", args: cognitomfa.UserMfaPreferenceArgs{
				AccessToken: pulumi.String(aliceToken),
				SmsMfa:      factor(true, false),
			}})
			changes(t, up(t).Summary, map[string]int{"same": 3, "create": 1})
			cognitoShows(t, "alice", mfa{"SMS_MFA", ""})
			state := exportedState(t)
			if strings.Contains(state, aliceToken) {
				t.Fatal("the token appears in state in plain text")
			}
			self := stored(t, state, "alice-self")
			if !isSecret(self.Inputs["accessToken"]) || !isSecret(self.Outputs["accessToken"]) {
				t.Fatalf("accessToken not stored as a secret: input %v, output %v", self.Inputs["accessToken"], self.Outputs["accessToken"])
			}
			if self.Outputs["username"] != "alice" {
				t.Fatalf("username output %v", self.Outputs["username"])
			}
			nothingLeaked(t, aliceToken)
		}},
		{"7_destroy", func(t *testing.T) {
			res, err := stack.Destroy(ctx, optdestroy.ProgressStreams(&printed), optdestroy.ErrorProgressStreams(&printed))
			if err != nil {
				t.Fatal(err)
			}
			changes(t, res.Summary, map[string]int{"delete": 4})
			cognitoShows(t, "bob", mfa{"SOFTWARE_TOKEN_MFA", ""})
			cognitoShows(t, "carol", mfa{"", ""})
			cognitoShows(t, "alice", mfa{"", ""})
		}},
		{"8_no_leaks", func(t *testing.T) {
			everything := exportedState(t) + "\n" + printed.String()
			for _, secret := range []string{planted["AWS_ACCESS_KEY_ID"], planted["AWS_SECRET_ACCESS_KEY"], aliceToken} {
				if strings.Contains(everything, secret) {
					t.Errorf("%s… leaked", secret[:12])
				}
			}
		}},
	}
	// Each step builds on the last: stop at the first failure.
	for _, step := range steps {
		if !t.Run(step.name, step.test) {
			break
		}
	}
}
