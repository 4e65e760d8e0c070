package provider

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/pbkdf2"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"hash"
	"strings"

	"golang.org/x/crypto/scrypt"
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
		der, err := decryptPKCS8(block.Bytes, []byte(passphrase))
		if err != nil {
			return nil, true, err
		}
		parsed, err := x509.ParsePKCS8PrivateKey(der)
		if err != nil {
			// CBC padding happens to look valid for about 1 wrong passphrase in 256.
			return nil, true, errKeyWrongPass
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

// PKCS#5 v2 (RFC 8018) and scrypt (RFC 7914) structures; the standard library has no
// encrypted-PKCS#8 reader and gosnowflake v1 brings none.
var (
	oidPBES2      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}
	oidPBKDF2     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 12}
	oidScrypt     = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11591, 4, 11}
	oidHMACSHA1   = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 7}
	oidHMACSHA224 = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 8}
	oidHMACSHA256 = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 9}
	oidHMACSHA384 = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 10}
	oidHMACSHA512 = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 11}
	oidAES128CBC  = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 2}
	oidAES192CBC  = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 22}
	oidAES256CBC  = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 42}
	oidDESEDE3CBC = asn1.ObjectIdentifier{1, 2, 840, 113549, 3, 7}
)

type encryptedPrivateKeyInfo struct {
	Algo pkix.AlgorithmIdentifier
	Data []byte
}

type pbes2Params struct {
	KDF    pkix.AlgorithmIdentifier
	Scheme pkix.AlgorithmIdentifier
}

type pbkdf2Params struct {
	Salt       []byte
	Iterations int
	KeyLength  int                      `asn1:"optional"`
	PRF        pkix.AlgorithmIdentifier `asn1:"optional"`
}

type scryptParams struct {
	Salt      []byte
	N         int
	R         int
	P         int
	KeyLength int `asn1:"optional"`
}

func decryptPKCS8(der, passphrase []byte) ([]byte, error) {
	unsupported := func(what string) error {
		return fmt.Errorf("unsupported key encryption (%s); re-encrypt with `openssl pkcs8 -topk8 -v2 aes-256-cbc`", what)
	}
	var info encryptedPrivateKeyInfo
	if _, err := asn1.Unmarshal(der, &info); err != nil {
		return nil, fmt.Errorf("invalid encrypted PKCS#8 structure: %w", err)
	}
	if !info.Algo.Algorithm.Equal(oidPBES2) {
		return nil, unsupported("PBES1 " + info.Algo.Algorithm.String())
	}
	var params pbes2Params
	if _, err := asn1.Unmarshal(info.Algo.Parameters.FullBytes, &params); err != nil {
		return nil, fmt.Errorf("invalid PBES2 parameters: %w", err)
	}

	var newCipher func([]byte) (cipher.Block, error)
	var keyLen int
	switch s := params.Scheme.Algorithm; {
	case s.Equal(oidAES128CBC):
		newCipher, keyLen = aes.NewCipher, 16
	case s.Equal(oidAES192CBC):
		newCipher, keyLen = aes.NewCipher, 24
	case s.Equal(oidAES256CBC):
		newCipher, keyLen = aes.NewCipher, 32
	case s.Equal(oidDESEDE3CBC):
		newCipher, keyLen = des.NewTripleDESCipher, 24
	default:
		return nil, unsupported("cipher " + s.String())
	}
	var iv []byte
	if _, err := asn1.Unmarshal(params.Scheme.Parameters.FullBytes, &iv); err != nil {
		return nil, fmt.Errorf("invalid cipher IV: %w", err)
	}

	var key []byte
	switch k := params.KDF.Algorithm; {
	case k.Equal(oidPBKDF2):
		var p pbkdf2Params
		if _, err := asn1.Unmarshal(params.KDF.Parameters.FullBytes, &p); err != nil {
			return nil, fmt.Errorf("invalid PBKDF2 parameters: %w", err)
		}
		var h func() hash.Hash
		switch prf := p.PRF.Algorithm; {
		case len(prf) == 0, prf.Equal(oidHMACSHA1):
			h = sha1.New
		case prf.Equal(oidHMACSHA224):
			h = sha256.New224
		case prf.Equal(oidHMACSHA256):
			h = sha256.New
		case prf.Equal(oidHMACSHA384):
			h = sha512.New384
		case prf.Equal(oidHMACSHA512):
			h = sha512.New
		default:
			return nil, unsupported("PBKDF2 PRF " + prf.String())
		}
		var err error
		if key, err = pbkdf2.Key(h, string(passphrase), p.Salt, p.Iterations, keyLen); err != nil {
			return nil, fmt.Errorf("PBKDF2: %w", err)
		}
	case k.Equal(oidScrypt):
		var p scryptParams
		if _, err := asn1.Unmarshal(params.KDF.Parameters.FullBytes, &p); err != nil {
			return nil, fmt.Errorf("invalid scrypt parameters: %w", err)
		}
		var err error
		if key, err = scrypt.Key(passphrase, p.Salt, p.N, p.R, p.P, keyLen); err != nil {
			return nil, fmt.Errorf("scrypt: %w", err)
		}
	default:
		return nil, unsupported("key derivation " + k.String())
	}

	block, err := newCipher(key)
	if err != nil {
		return nil, err
	}
	bs := block.BlockSize()
	if len(iv) != bs || len(info.Data) == 0 || len(info.Data)%bs != 0 {
		return nil, errors.New("invalid encrypted key length or IV")
	}
	plain := make([]byte, len(info.Data))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(plain, info.Data)
	pad := int(plain[len(plain)-1])
	if pad == 0 || pad > bs {
		return nil, errKeyWrongPass
	}
	for _, b := range plain[len(plain)-pad:] {
		if int(b) != pad {
			return nil, errKeyWrongPass
		}
	}
	return plain[:len(plain)-pad], nil
}
