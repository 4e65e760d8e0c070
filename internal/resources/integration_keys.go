package resources

// RSA public keys of custom clients: Snowflake takes the base64 body of the DER key and shows only its
// fingerprint (FIDELITY.md, "RSA public keys"). Users may paste either the PEM or the body.

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// rsaKeyFingerprint is Snowflake's RSA key fingerprint: SHA256: + base64 of the SHA-256 of the DER key
// (the PEM body, without armour and whitespace). ok is false when the key is not base64.
func rsaKeyFingerprint(key string) (string, bool) {
	der, err := base64.StdEncoding.DecodeString(snowflake.RSAPublicKeyBody(key))
	if err != nil || len(der) == 0 {
		return "", false
	}
	sum := sha256.Sum256(der)
	return "SHA256:" + base64.StdEncoding.EncodeToString(sum[:]), true
}

// rsaPublicKeyValidator accepts a PEM public key or its base64 body, and nothing else: a key Snowflake
// would refuse at apply is reported at plan time, on the attribute.
var rsaPublicKeyValidator = common.StringValidator("an RSA public key, PEM or base64 DER body",
	func(at path.Path, key string, diags *diag.Diagnostics) {
		der, err := base64.StdEncoding.DecodeString(snowflake.RSAPublicKeyBody(key))
		if err == nil {
			_, err = x509.ParsePKIXPublicKey(der)
		}
		if err != nil {
			diags.AddAttributeError(at, "Invalid RSA public key",
				fmt.Sprintf("Attribute %s must be an RSA public key: the PEM text (-----BEGIN PUBLIC KEY----- ...) or its base64 body: %v", at, err))
		}
	})
