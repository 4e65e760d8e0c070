package provider

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The testdata keys were made by OpenSSL 3 from one RSA key:
//
//	openssl pkcs8 -topk8 -passout pass:'s3cr3t pass' ...            key_aes256.p8 (PBKDF2-SHA256, AES-256-CBC)
//	... -v2 des3                                                    key_des3.p8 (Snowflake's documented form)
//	... -v2 aes-128-cbc -v2prf hmacWithSHA1                         key_aes128_sha1.p8
//	... -scrypt                                                     key_scrypt.p8
//	... -v1 PBE-SHA1-3DES                                           key_pbes1.p8 (unsupported)
//
// fixtureFingerprint is `openssl pkey -pubout -outform DER | openssl dgst -sha256 -binary | base64`
// of that key, i.e. Snowflake's RSA_PUBLIC_KEY_FP without the SHA256: prefix.
const (
	fixturePassphrase  = "s3cr3t pass"
	fixtureFingerprint = "hXElmio/RaJsGJdtIFsKBB8ls/H4feyN655FJtG6GTM="
)

func fingerprint(t testing.TB, pub *rsa.PublicKey) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(der)
	return base64.StdEncoding.EncodeToString(sum[:])
}

func ecKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func writeFile(t testing.TB, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestUnencryptedKeyForms(t *testing.T) {
	key := rsaKey(t)
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	pkcs8 := pkcs8PEM(t, key)
	forms := map[string]string{
		"PKCS#8 PEM":             pkcs8,
		"PKCS#1 PEM":             string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})),
		"one line with \\n":      strings.ReplaceAll(pkcs8, "\n", `\n`),
		"surrounding whitespace": "\n  " + pkcs8 + "  \n",
		"base64 DER":             base64.StdEncoding.EncodeToString(der),
		"base64url DER":          base64.RawURLEncoding.EncodeToString(der),
	}
	for name, text := range forms {
		got, encrypted, err := parsePrivateKey(text, "")
		if err != nil || encrypted || !got.Equal(key) {
			t.Errorf("%s: key=%v encrypted=%v err=%v", name, got != nil && got.Equal(key), encrypted, err)
		}
	}
}

func TestEncryptedKeys(t *testing.T) {
	for _, name := range []string{"key_aes256.p8", "key_des3.p8", "key_aes128_sha1.p8", "key_scrypt.p8"} {
		t.Run(name, func(t *testing.T) {
			text := fixture(t, name)
			key, encrypted, err := parsePrivateKey(text, fixturePassphrase)
			if err != nil || !encrypted {
				t.Fatalf("encrypted=%v err=%v", encrypted, err)
			}
			if got := fingerprint(t, &key.PublicKey); got != fixtureFingerprint {
				t.Errorf("fingerprint = %s, want %s", got, fixtureFingerprint)
			}
			if _, _, err := parsePrivateKey(text, "s3cr3t pasS"); !errors.Is(err, errKeyWrongPass) {
				t.Errorf("wrong passphrase: err = %v", err)
			}
			if _, _, err := parsePrivateKey(text, ""); !errors.Is(err, errKeyNeedPassphrase) {
				t.Errorf("no passphrase: err = %v", err)
			}
		})
	}
}

func TestUnusableKeys(t *testing.T) {
	legacy := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY",
		Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-256-CBC,00"}, Bytes: []byte{1, 2, 3}}))
	cases := map[string]struct {
		text string
		want string
	}{
		"garbage":       {"hello world", errKeyNoPEM.Error()},
		"EC key":        {pkcs8PEM(t, ecKey(t)), errKeyNotRSA.Error()},
		"public key":    {"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", `unsupported PEM block "PUBLIC KEY"`},
		"PBES1":         {fixture(t, "key_pbes1.p8"), "unsupported key encryption (PBES1"},
		"legacy PKCS#1": {legacy, "legacy OpenSSL-encrypted PKCS#1"},
		"broken PKCS#8": {"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "invalid PKCS#8 key"},
	}
	for name, tc := range cases {
		if _, _, err := parsePrivateKey(tc.text, fixturePassphrase); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to contain %q", name, err, tc.want)
		}
	}
}
