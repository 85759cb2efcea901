// One phase of the large-stack benchmark (scripts/bench/benchLarge.ts) from a Go program: the
// native plugin's UserMfaPreferenceSet of every user (or several, each of some), through the
// generated Go SDK, run inline with the Automation API (the CLI built here cannot build the Go
// language host).
// Usage: large-set <spec.json> <up|preview|preview-refresh|up-refresh|destroy>
// The spec holds the project, stack, directory, backend, pool and sets (each pool resource's name and
// users: one, or several when the benchmark splits the users); the CLI's output goes to
// stdout, for the benchmark to read the pool resource's progress lines.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi-cognito-mfa/pulumi-cognito-mfa/sdk/go/cognitomfa"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type factor struct {
	Enabled   bool `json:"enabled"`
	Preferred bool `json:"preferred"`
}

type spec struct {
	Project    string    `json:"project"`
	Stack      string    `json:"stack"`
	WorkDir    string    `json:"workDir"`
	BackendURL string    `json:"backendUrl"`
	UserPoolID string    `json:"userPoolId"`
	Sets       []poolSet `json:"sets"`
}

// poolSet is one pool resource: its name and its users' factor blocks.
type poolSet struct {
	Name  string                       `json:"name"`
	Users map[string]map[string]factor `json:"users"`
}

func main() {
	if len(os.Args) != 3 {
		fail(fmt.Errorf("usage: large-set <spec.json> <operation>"))
	}
	text, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail(err)
	}
	var s spec
	if err := json.Unmarshal(text, &s); err != nil {
		fail(err)
	}
	program := func(ctx *pulumi.Context) error {
		for _, set := range s.Sets {
			users := cognitomfa.UserFactorsMap{}
			for name, factors := range set.Users {
				sms := factors["smsMfa"]
				users[name] = cognitomfa.UserFactorsArgs{SmsMfa: &cognitomfa.FactorSettingsArgs{Enabled: pulumi.Bool(sms.Enabled), Preferred: pulumi.Bool(sms.Preferred)}}
			}
			if _, err := cognitomfa.NewUserMfaPreferenceSet(ctx, set.Name, &cognitomfa.UserMfaPreferenceSetArgs{UserPoolId: pulumi.String(s.UserPoolID), Users: users}); err != nil {
				return err
			}
		}
		return nil
	}
	ctx := context.Background()
	stack, err := auto.UpsertStackInlineSource(ctx, s.Stack, s.Project, program,
		auto.WorkDir(s.WorkDir),
		auto.Project(workspace.Project{
			Name:    tokens.PackageName(s.Project),
			Runtime: workspace.NewProjectRuntimeInfo("go", nil),
			Backend: &workspace.ProjectBackend{URL: s.BackendURL},
		}),
	)
	if err != nil {
		fail(err)
	}
	out := os.Stdout
	switch os.Args[2] {
	case "up":
		_, err = stack.Up(ctx, optup.ProgressStreams(out))
	case "up-refresh":
		_, err = stack.Up(ctx, optup.Refresh(), optup.ProgressStreams(out))
	case "preview":
		_, err = stack.Preview(ctx, optpreview.ProgressStreams(out))
	case "preview-refresh":
		_, err = stack.Preview(ctx, optpreview.Refresh(), optpreview.ExpectNoChanges(), optpreview.ProgressStreams(out))
	case "destroy":
		_, err = stack.Destroy(ctx, optdestroy.ProgressStreams(out))
	default:
		err = fmt.Errorf("unknown operation %q", os.Args[2])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "large-set:", err)
	os.Exit(1)
}
