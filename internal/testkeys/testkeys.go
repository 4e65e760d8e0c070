// Package testkeys makes throwaway RSA key pairs for tests, in the forms Snowflake uses. The
// fingerprint is computed here, independently of the emulator and the provider, so that a test
// comparing it with theirs can catch a mistake in either.
package testkeys

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"testing"
)

// Pair is a fresh RSA key with its public half as Snowflake takes and shows it.
type Pair struct {
	Private *rsa.PrivateKey
	// Public is the base64 DER SubjectPublicKeyInfo: the value of RSA_PUBLIC_KEY and
	// OAUTH_CLIENT_RSA_PUBLIC_KEY.
	Public string
	// Fingerprint is "SHA256:" + base64 of the SHA-256 of that DER, as DESCRIBE shows it.
	Fingerprint string
}

// New returns a fresh 2048-bit pair, failing the test if the system has no randomness.
func New(t testing.TB) Pair {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return Of(t, k)
}

// Of returns the pair of an existing key.
func Of(t testing.TB, k *rsa.PrivateKey) Pair {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(der)
	return Pair{Private: k, Public: base64.StdEncoding.EncodeToString(der),
		Fingerprint: "SHA256:" + base64.StdEncoding.EncodeToString(sum[:])}
}
