package emulator

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

const (
	jwtLeeway      = 60 * time.Second // clock skew tolerated on iat/exp
	jwtMaxLifetime = time.Hour        // a key-pair JWT is honoured for at most an hour after iat
	// jwtMillisAbove tells milliseconds from seconds: 1e11 seconds is the year 5138, 1e11 ms is 1973.
	jwtMillisAbove = 100_000_000_000
)

// jwtLogin verifies a key-pair JWT as Snowflake does: sub = ACCOUNT.USER, iss = sub + ".SHA256:" +
// the fingerprint of one of the user's registered public keys, RS256 signed by that key, not expired,
// not issued in the future. Every failure is 390144.
//
// iat and exp may be seconds or milliseconds since the epoch: gosnowflake sends seconds, the Node.js
// driver (snowflake-sdk lib/authentication/auth_keypair.js) milliseconds, and Snowflake's key-pair
// documentation for the SQL API accepts both. Whatever exp says, the token is honoured for at most an
// hour after iat (same documentation), so a longer exp is not an error but is cut to that hour.
func (s *Server) jwtLogin(token string) (engine.LoginUser, error) {
	var user engine.LoginUser
	claims := jwt.MapClaims{}
	// Time claims are checked below (they may be milliseconds, which the library would misread).
	parser := jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation())
	_, err := parser.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) {
		u, pub, err := s.jwtSigner(claims)
		user = u
		return pub, err
	})
	if err != nil || !jwtTimesValid(claims, s.now()) {
		return engine.LoginUser{}, errJWTInvalid
	}
	return user, nil
}

// jwtSigner finds the user named by sub and the registered public key whose fingerprint iss names.
func (s *Server) jwtSigner(claims jwt.MapClaims) (engine.LoginUser, *rsa.PublicKey, error) {
	sub, _ := claims["sub"].(string)
	iss, _ := claims["iss"].(string)
	acct, name, ok := strings.Cut(sub, ".")
	if !ok || !strings.EqualFold(acct, s.opts.Account) {
		return engine.LoginUser{}, nil, errors.New("subject names another account")
	}
	u, ok := s.engine.LookupUser(name)
	if !ok {
		return engine.LoginUser{}, nil, errors.New("unknown user")
	}
	for _, k := range u.RSAPublicKeys {
		pub, fp, err := parsePublicKey(k)
		if err == nil && iss == sub+".SHA256:"+fp {
			return u, pub, nil
		}
	}
	return engine.LoginUser{}, nil, errors.New("no registered key matches the issuer fingerprint")
}

// jwtTimesValid checks iat and exp (both required) against now, with jwtLeeway for clock skew.
func jwtTimesValid(claims jwt.MapClaims, now time.Time) bool {
	iat, okI := jwtTime(claims["iat"])
	exp, okE := jwtTime(claims["exp"])
	if !okI || !okE {
		return false
	}
	if cut := iat.Add(jwtMaxLifetime); exp.After(cut) {
		exp = cut
	}
	return !iat.After(now.Add(jwtLeeway)) && now.Before(exp.Add(jwtLeeway))
}

// jwtTime reads a NumericDate claim given in seconds or in milliseconds since the epoch.
func jwtTime(v any) (time.Time, bool) {
	f, ok := v.(float64)
	if !ok {
		return time.Time{}, false
	}
	if f > jwtMillisAbove {
		return time.UnixMilli(int64(f)), true
	}
	return time.Unix(int64(f), 0), true
}

// parsePublicKey decodes an RSA_PUBLIC_KEY value (base64 DER SubjectPublicKeyInfo) and returns the key
// with its RSA_PUBLIC_KEY_FP fingerprint (base64 SHA-256 of the DER, without the "SHA256:" prefix).
func parsePublicKey(b64 string) (*rsa.PublicKey, string, error) {
	der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(b64), ""))
	if err != nil {
		return nil, "", err
	}
	key, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, "", err
	}
	pub, ok := key.(*rsa.PublicKey)
	if !ok {
		return nil, "", errors.New("not an RSA key")
	}
	sum := sha256.Sum256(der)
	return pub, base64.StdEncoding.EncodeToString(sum[:]), nil
}
