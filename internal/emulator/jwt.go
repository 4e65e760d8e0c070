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
	jwtMaxLifetime = time.Hour        // Snowflake rejects key-pair JWTs valid for more than an hour
)

// jwtLogin verifies a key-pair JWT as Snowflake does: sub = ACCOUNT.USER, iss = sub + ".SHA256:" +
// the fingerprint of one of the user's registered public keys, RS256 signed by that key, not expired,
// not issued in the future and valid for at most an hour. Every failure is 390144.
func (s *Server) jwtLogin(token string) (engine.LoginUser, error) {
	var user engine.LoginUser
	claims := &jwt.RegisteredClaims{}
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithTimeFunc(s.now),
		jwt.WithLeeway(jwtLeeway),
		jwt.WithIssuedAt(),
		jwt.WithExpirationRequired(),
	)
	_, err := parser.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) {
		acct, name, ok := strings.Cut(claims.Subject, ".")
		if !ok || !strings.EqualFold(acct, s.opts.Account) {
			return nil, errors.New("subject names another account")
		}
		u, ok := s.engine.LookupUser(name)
		if !ok {
			return nil, errors.New("unknown user")
		}
		for _, k := range u.RSAPublicKeys {
			pub, fp, err := parsePublicKey(k)
			if err != nil {
				continue
			}
			if claims.Issuer == claims.Subject+".SHA256:"+fp {
				user = u
				return pub, nil
			}
		}
		return nil, errors.New("no registered key matches the issuer fingerprint")
	})
	if err != nil || claims.IssuedAt == nil || claims.ExpiresAt.Sub(claims.IssuedAt.Time) > jwtMaxLifetime {
		return engine.LoginUser{}, errJWTInvalid
	}
	return user, nil
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
