package provider

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"

	"github.com/youmark/pkcs8"
)

// Key problems config.go turns into diagnostics.
var (
	errKeyNoPEM          = errors.New("no PEM block found; expected -----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----")
	errKeyNotRSA         = errors.New("the key is not an RSA key; Snowflake key-pair authentication needs RSA")
	errKeyNeedPassphrase = errors.New("the key is encrypted but no passphrase is set")
	errKeyWrongPass      = errors.New("the passphrase does not decrypt the key")
)

// parsePrivateKey reads an RSA key from PEM (PKCS#8, encrypted PKCS#8 or PKCS#1) or from base64
// PKCS#8 DER (the form gosnowflake's DSN uses). encrypted reports whether a passphrase was needed.
func parsePrivateKey(text, passphrase string) (key *rsa.PrivateKey, encrypted bool, err error) {
	text = strings.TrimSpace(text)
	// A PEM pasted into a one-line environment variable often carries literal \n.
	if !strings.Contains(text, "\n") && strings.Contains(text, `\n`) {
		text = strings.ReplaceAll(text, `\n`, "\n")
	}
	if !strings.Contains(text, "-----BEGIN") {
		der, decErr := decodeBase64(text)
		if decErr != nil {
			return nil, false, errKeyNoPEM
		}
		key, err = asRSA(x509.ParsePKCS8PrivateKey(der))
		if err != nil {
			return nil, false, errKeyNoPEM
		}
		return key, false, nil
	}
	block, _ := pem.Decode([]byte(text))
	if block == nil {
		return nil, false, errKeyNoPEM
	}
	switch block.Type {
	case "PRIVATE KEY":
		key, err = asRSA(x509.ParsePKCS8PrivateKey(block.Bytes))
		return key, false, err
	case "RSA PRIVATE KEY":
		if _, legacy := block.Headers["Proc-Type"]; legacy {
			return nil, true, errors.New("legacy OpenSSL-encrypted PKCS#1 keys are not supported; " +
				"convert with `openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key.p8`")
		}
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, false, fmt.Errorf("invalid PKCS#1 key: %w", err)
		}
		return key, false, nil
	case "ENCRYPTED PRIVATE KEY":
		if passphrase == "" {
			return nil, true, errKeyNeedPassphrase
		}
		parsed, _, err := pkcs8.ParsePrivateKey(block.Bytes, []byte(passphrase))
		if err != nil {
			return nil, true, encryptedKeyError(err)
		}
		key, err = asRSA(parsed, nil)
		return key, true, err
	default:
		return nil, false, fmt.Errorf("unsupported PEM block %q; expected PRIVATE KEY or ENCRYPTED PRIVATE KEY", block.Type)
	}
}

func decodeBase64(s string) ([]byte, error) {
	s = strings.Join(strings.Fields(s), "")
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, nil
		}
	}
	return nil, errKeyNoPEM
}

func asRSA(k any, err error) (*rsa.PrivateKey, error) {
	if err != nil {
		return nil, fmt.Errorf("invalid PKCS#8 key: %w", err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, errKeyNotRSA
	}
	return rk, nil
}

// encryptedKeyError turns pkcs8's errors into ours. pkcs8 decrypts PBES2 keys (PBKDF2 with
// HMAC-SHA1 or HMAC-SHA256, or scrypt; AES-CBC, AES-GCM or DES-EDE3-CBC), which covers what OpenSSL
// and Snowflake's key-pair guide produce; a wrong passphrase shows up as undecodable plaintext.
func encryptedKeyError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "pkcs8: ")
	switch {
	case strings.Contains(msg, "incorrect password"):
		return errKeyWrongPass
	case strings.Contains(msg, "only PBES2"), strings.Contains(msg, "only PKCS #5 v2.0"):
		msg = "PBES1 or another scheme than PBES2"
	}
	return fmt.Errorf("unsupported key encryption (%s); re-encrypt with `openssl pkcs8 -topk8 -v2 aes-256-cbc`", msg)
}
