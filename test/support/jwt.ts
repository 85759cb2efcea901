// Unsigned stand-ins for Cognito access tokens: the provider reads claims locally and never
// checks signatures (Cognito does), so tests only need the shape.

export function fakeAccessToken(claims: { sub: string; userPoolId: string; username?: string; region?: string }): string {
    const region = claims.region ?? claims.userPoolId.split("_")[0];
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const payload = {
        sub: claims.sub,
        iss: `https://cognito-idp.${region}.amazonaws.com/${claims.userPoolId}`,
        token_use: "access",
        scope: "aws.cognito.signin.user.admin",
        username: claims.username ?? claims.sub,
        exp: 4102444800,
    };
    return `${encode({ alg: "RS256", kid: "test" })}.${encode(payload)}.c2lnbmF0dXJl`;
}
