package native

// The Cognito emulator, pools and users in it, and the Pulumi CLI run as a user would: the Go
// counterparts of harness/moto.ts, fixtures.ts, pulumi.ts and nativePlugin.ts.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
)

const (
	password   = "Correct-Horse-9-Battery"
	passphrase = "correct horse battery staple"
	region     = "us-east-1"
)

// projectRoot is the repository: PROJECT_ROOT, which scripts/run/test-native-go.sh sets (it runs
// a copy of this module), else three levels up from this package's directory.
func projectRoot(t *testing.T) string {
	t.Helper()
	if root := os.Getenv("PROJECT_ROOT"); root != "" {
		return root
	}
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// pluginVersion is package.json's: the generated SDK asks the engine for exactly this one.
func pluginVersion(t *testing.T, root string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatal(err)
	}
	return pkg.Version
}

// startCognito runs moto_server on a free loopback port, behind the strict Cognito
// (harness/strictCognito), which answers as Cognito does where moto is laxer, until the test ends;
// returns the strict Cognito's endpoint.
func startCognito(t *testing.T, root string) string {
	t.Helper()
	return startStrictCognito(t, root, startMoto(t, root))
}

// startStrictCognito runs the strict Cognito in front of UPSTREAM; it ends when its standard input
// closes, which the test binary's end does however it ends.
func startStrictCognito(t *testing.T, root, upstream string) string {
	t.Helper()
	cmd := exec.Command("bash", filepath.Join(root, "harness/strictCognito/serve.sh"), "--upstream", upstream)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening ") {
		t.Fatalf("the strict Cognito did not start: %q %v", line, err)
	}
	return "http://127.0.0.1:" + strings.TrimSpace(strings.TrimPrefix(line, "listening "))
}

// startMoto runs moto_server on a free loopback port until the test ends; returns its endpoint.
func startMoto(t *testing.T, root string) string {
	t.Helper()
	server := os.Getenv("MOTO_SERVER")
	if server == "" {
		out, err := exec.Command("bash", filepath.Join(root, "scripts/setup/moto.sh")).Output()
		if err != nil {
			t.Fatalf("setup-moto.sh: %v", err)
		}
		server = strings.TrimSpace(string(out))
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := listener.Addr().(*net.TCPAddr).Port
	listener.Close()
	endpoint := fmt.Sprintf("http://127.0.0.1:%d", port)

	cmd := exec.Command(server, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	// Without MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP, VerifySoftwareToken accepts any code.
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=")
	})
	cmd.Env = append(env, "AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing", "AWS_REGION="+region)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	// If the test binary dies without running its cleanups (a go test timeout), moto goes with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})

	client := http.Client{Timeout: time.Second}
	for deadline := time.Now().Add(60 * time.Second); ; {
		if response, err := client.Get(endpoint + "/moto-api/"); err == nil {
			response.Body.Close()
			if response.StatusCode == http.StatusOK {
				return endpoint
			}
		}
		select {
		case <-exited:
			t.Fatalf("moto_server exited: %s", stderr.String())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("moto_server did not answer on %s", endpoint)
		}
	}
}

// cognito is the test's own view of the emulator, with dummy credentials of its own.
type cognito struct {
	client   *cip.Client
	endpoint string
	pool     string
	clientID string
}

func newCognito(endpoint string) *cognito {
	return &cognito{endpoint: endpoint, client: cip.New(cip.Options{
		Region:       region,
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider("testing", "testing", ""),
	})}
}

// createPool makes a pool with MFA OPTIONAL, TOTP and SMS allowed, and an app client for admin
// password sign-in.
func (c *cognito) createPool(ctx context.Context, t *testing.T) {
	t.Helper()
	pool, err := c.client.CreateUserPool(ctx, &cip.CreateUserPoolInput{
		PoolName:               aws.String("mfa-test-pool"),
		MfaConfiguration:       types.UserPoolMfaTypeOff,
		AutoVerifiedAttributes: []types.VerifiedAttributeType{types.VerifiedAttributeTypeEmail},
	})
	if err != nil {
		t.Fatal(err)
	}
	c.pool = *pool.UserPool.Id
	if _, err := c.client.SetUserPoolMfaConfig(ctx, &cip.SetUserPoolMfaConfigInput{
		UserPoolId:                    &c.pool,
		MfaConfiguration:              types.UserPoolMfaTypeOptional,
		SoftwareTokenMfaConfiguration: &types.SoftwareTokenMfaConfigType{Enabled: true},
		SmsMfaConfiguration: &types.SmsMfaConfigType{SmsConfiguration: &types.SmsConfigurationType{
			SnsCallerArn: aws.String("arn:aws:iam::123456789012:role/sms"),
			ExternalId:   aws.String("x"),
		}},
	}); err != nil {
		t.Fatal(err)
	}
	app, err := c.client.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
		UserPoolId: &c.pool,
		ClientName: aws.String("tests"),
		ExplicitAuthFlows: []types.ExplicitAuthFlowsType{
			types.ExplicitAuthFlowsTypeAllowAdminUserPasswordAuth,
			types.ExplicitAuthFlowsTypeAllowRefreshTokenAuth,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	c.clientID = *app.UserPoolClient.ClientId
}

// createUser makes a confirmed user with email, phone number and a permanent password, and signs
// in once: the access token is issued before any factor is enabled (after that, sign-in would
// need a code).
func (c *cognito) createUser(ctx context.Context, t *testing.T, username string) string {
	t.Helper()
	if _, err := c.client.AdminCreateUser(ctx, &cip.AdminCreateUserInput{
		UserPoolId:    &c.pool,
		Username:      &username,
		MessageAction: types.MessageActionTypeSuppress,
		UserAttributes: []types.AttributeType{
			{Name: aws.String("email"), Value: aws.String(username + "@example.com")},
			{Name: aws.String("email_verified"), Value: aws.String("true")},
			{Name: aws.String("phone_number"), Value: aws.String("+15555550100")},
		},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.client.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{
		UserPoolId: &c.pool, Username: &username, Password: aws.String(password), Permanent: true,
	}); err != nil {
		t.Fatal(err)
	}
	auth, err := c.client.AdminInitiateAuth(ctx, &cip.AdminInitiateAuthInput{
		UserPoolId:     &c.pool,
		ClientId:       &c.clientID,
		AuthFlow:       types.AuthFlowTypeAdminUserPasswordAuth,
		AuthParameters: map[string]string{"USERNAME": username, "PASSWORD": password},
	})
	if err != nil {
		t.Fatal(err)
	}
	if auth.AuthenticationResult == nil || auth.AuthenticationResult.AccessToken == nil {
		t.Fatalf("sign-in of %s gave no access token (challenge %s)", username, auth.ChallengeName)
	}
	return *auth.AuthenticationResult.AccessToken
}

// verifyTotp associates a software token and verifies it (moto accepts any code, see startMoto).
func (c *cognito) verifyTotp(ctx context.Context, t *testing.T, accessToken string) {
	t.Helper()
	if _, err := c.client.AssociateSoftwareToken(ctx, &cip.AssociateSoftwareTokenInput{AccessToken: &accessToken}); err != nil {
		t.Fatal(err)
	}
	verified, err := c.client.VerifySoftwareToken(ctx, &cip.VerifySoftwareTokenInput{
		AccessToken: &accessToken, UserCode: aws.String("123456"), FriendlyDeviceName: aws.String("tests"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if verified.Status != types.VerifySoftwareTokenResponseTypeSuccess {
		t.Fatalf("VerifySoftwareToken answered %s", verified.Status)
	}
}

// setOutOfBand changes a user's MFA settings behind Pulumi's back, as AdminSetUserMFAPreference
// with settings as its JSON body. Not through the Go SDK: it leaves false booleans out of the
// request ({"SMSMfaSettings":{}}), which moto takes as no change at all.
func (c *cognito) setOutOfBand(ctx context.Context, t *testing.T, username string, settings map[string]any) {
	t.Helper()
	body := map[string]any{"UserPoolId": c.pool, "Username": username}
	maps.Copy(body, settings)
	data, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	request, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint+"/", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	request.Header.Set("Content-Type", "application/x-amz-json-1.1")
	request.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.AdminSetUserMFAPreference")
	// moto reads the account, region and service from the credential scope; it checks no signature.
	request.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20250101/"+region+"/cognito-idp/aws4_request, SignedHeaders=host, Signature=0")
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		t.Fatal(err)
	}
	defer response.Body.Close()
	if response.StatusCode != http.StatusOK {
		answer, _ := io.ReadAll(response.Body)
		t.Fatalf("AdminSetUserMFAPreference: HTTP %d: %s", response.StatusCode, answer)
	}
}

// mfa is what Cognito reports for a user: enabled factors, sorted and comma-joined, and the
// preferred one ("" when none).
type mfa struct{ enabled, preferred string }

func (c *cognito) mfaOf(ctx context.Context, t *testing.T, username string) mfa {
	t.Helper()
	user, err := c.client.AdminGetUser(ctx, &cip.AdminGetUserInput{UserPoolId: &c.pool, Username: &username})
	if err != nil {
		t.Fatal(err)
	}
	enabled := slices.Sorted(slices.Values(user.UserMFASettingList))
	return mfa{strings.Join(enabled, ","), aws.ToString(user.PreferredMfaSetting)}
}

// pulumiEnv is the environment of the CLI and of the provider it starts: offline, passphrase
// secrets, and a PULUMI_HOME of the stack's own so the installed plugin is the only one.
func pulumiEnv(dir string, env map[string]string) map[string]string {
	merged := map[string]string{
		"PULUMI_CONFIG_PASSPHRASE":                    passphrase,
		"PULUMI_SKIP_UPDATE_CHECK":                    "true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
		"PULUMI_HOME":                                 filepath.Join(dir, ".pulumi-home"),
	}
	maps.Copy(merged, env)
	return merged
}

// pulumiCLI is the CLI itself, run in the stack's project with the stack's environment, as a user would.
func pulumiCLI(ctx context.Context, stack auto.Stack, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "pulumi", args...)
	cmd.Dir = stack.Workspace().WorkDir()
	cmd.Env = os.Environ()
	for k, v := range stack.Workspace().GetEnvVars() {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	return cmd
}

// cli runs a stack command; returns what it printed.
func cli(ctx context.Context, stack auto.Stack, args ...string) (string, error) {
	out, err := pulumiCLI(ctx, stack, append(args, "--stack", stack.Name(), "--non-interactive")...).CombinedOutput()
	return string(out), err
}

// installPlugin installs the plugin tarball into the stack's PULUMI_HOME with `pulumi plugin
// install`, as users install it.
func installPlugin(ctx context.Context, t *testing.T, stack auto.Stack, root string) {
	t.Helper()
	version := pluginVersion(t, root)
	// The plugin archive scripts/setup/paths.sh names: this machine's standalone one.
	tarball := os.Getenv("NATIVE_PLUGIN_TARBALL")
	if tarball == "" {
		t.Fatal("NATIVE_PLUGIN_TARBALL is not set: run scripts/run/test-native-go.sh")
	}
	cmd := pulumiCLI(ctx, stack, "plugin", "install", "resource", "cognito-mfa", version, "--file", tarball)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pulumi plugin install: %v\n%s", err, out)
	}
}
