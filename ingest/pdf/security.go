package pdf

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"hash"

	"github.com/kaoping/kaoping/ingest/readerr"
)

// The standard security handler of ISO 32000-2 §7.6.4, for the one password
// kaoping knows: the empty user password, which every viewer tries first and
// which producers use to restrict printing or copying without asking for a
// password to open. The library implements only part of it (RC4 with a key
// of 128 bits and AES-128, no /EncryptMetadata false, no AES-256), and
// derives RC4-40's object keys from the whole MD5 instead of n+5 bytes, so
// kaoping authenticates and decrypts itself (decrypt.go) and hands the
// library a document without encryption.

// cryptMethod is how one class of objects (strings, streams) is encrypted.
type cryptMethod uint8

const (
	cryptNone  cryptMethod = iota // Identity, or a crypt filter with /CFM /None
	cryptRC4                      // /V 1–2, or /CFM /V2
	cryptAESV2                    // AES-128-CBC with object keys (/CFM /AESV2)
	cryptAESV3                    // AES-256-CBC with the file key (/CFM /AESV3)
)

// security is an authenticated standard security handler: the file key and
// how strings and streams are encrypted.
type security struct {
	key             []byte
	str, stm        cryptMethod
	encryptMetadata bool
}

// encryptDict is the part of the encryption dictionary the handler reads.
type encryptDict struct {
	filter, subFilter  string
	v, r, length       int64
	o, u, oe, ue, perm []byte
	p                  int64
	encryptMetadata    bool
	// cf maps crypt filter names to their /CFM; strF and stmF name the
	// filters of strings and streams (V 4 and 5).
	cf         map[string]string
	strF, stmF string
	id         []byte // the first string of the trailer's /ID
}

// padding is the 32 bytes that pad a password for revisions 2–4
// (Algorithm 2, step a).
var padding = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

// errPassword means the empty user password does not open the file.
var errPassword = errors.New("encrypted PDF: the empty user password does not open it")

// unsupported is the error for an encryption kaoping cannot undo; it says
// which, in both languages, and does not call the file damaged.
func unsupported(zh, en string) error {
	return readerr.New(readerr.Unsupported, errors.New(en), "PDF 使用了不支持的加密方式："+zh, "the PDF is encrypted with a method kaoping does not support: "+en)
}

// newSecurity authenticates the empty user password against e.
func newSecurity(e encryptDict) (*security, error) {
	if e.filter != "Standard" {
		return nil, unsupported(fmt.Sprintf("安全处理程序 /Filter /%s，仅支持口令加密 /Standard", e.filter),
			fmt.Sprintf("security handler /Filter /%s; only the password handler /Standard is read", e.filter))
	}
	s := &security{encryptMetadata: e.encryptMetadata}
	bad := func() error {
		return unsupported(fmt.Sprintf("/V %d /R %d", e.v, e.r), fmt.Sprintf("/V %d /R %d", e.v, e.r))
	}
	switch e.v {
	case 1, 2:
		s.str, s.stm = cryptRC4, cryptRC4
	case 4, 5:
		var err error
		if s.str, err = e.method(e.strF); err != nil {
			return nil, err
		}
		if s.stm, err = e.method(e.stmF); err != nil {
			return nil, err
		}
		for _, m := range []cryptMethod{s.str, s.stm} {
			if e.v == 4 && m == cryptAESV3 || e.v == 5 && (m == cryptRC4 || m == cryptAESV2) {
				return nil, bad() // AES-256 needs the key of revision 5–6, and those keys serve only it
			}
		}
	default:
		return nil, bad()
	}
	var err error
	switch {
	case e.v == 5 && (e.r == 5 || e.r == 6):
		s.key, err = userKeyAES256(e)
	case e.v < 5 && e.r >= 2 && e.r <= 4:
		s.key, err = userKeyMD5(e)
	default:
		return nil, bad()
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// method maps a crypt filter name to its method (§7.6.6).
func (e encryptDict) method(name string) (cryptMethod, error) {
	if name == "" || name == "Identity" {
		return cryptNone, nil
	}
	cfm, ok := e.cf[name]
	if !ok {
		return 0, fmt.Errorf("%w: crypt filter /%s is not defined in /CF", errMalformed, name)
	}
	switch cfm {
	case "None", "":
		return cryptNone, nil
	case "V2":
		return cryptRC4, nil
	case "AESV2":
		return cryptAESV2, nil
	case "AESV3":
		return cryptAESV3, nil
	}
	return 0, unsupported("加密过滤器 /CFM /"+cfm, "crypt filter /CFM /"+cfm)
}

// userKeyMD5 computes the file key from the empty password (Algorithm 2)
// and checks it against /U (Algorithms 4 and 5), for revisions 2–4.
func userKeyMD5(e encryptDict) ([]byte, error) {
	id := e.id
	n := 5 // /Length defaults to 40 bits, and revision 2 uses no other
	if e.v == 4 {
		n = 16
	}
	if e.r >= 3 {
		if e.length != 0 {
			if e.length%8 != 0 || e.length < 40 || e.length > 128 {
				return nil, fmt.Errorf("%w: a %d-bit encryption key", errMalformed, e.length)
			}
			n = int(e.length / 8)
		}
	}
	if len(e.o) < 32 || len(e.u) < 32 {
		return nil, fmt.Errorf("%w: /O or /U of the encryption dictionary is shorter than 32 bytes", errMalformed)
	}
	h := md5.New()
	h.Write(padding) // the empty password, padded
	h.Write(e.o[:32])
	p := uint32(e.p)
	h.Write([]byte{byte(p), byte(p >> 8), byte(p >> 16), byte(p >> 24)})
	h.Write(id)
	if e.r >= 4 && !e.encryptMetadata {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := h.Sum(nil)
	if e.r >= 3 {
		for range 50 {
			sum := md5.Sum(key[:n])
			key = sum[:]
		}
	}
	key = key[:n]

	var u []byte
	if e.r == 2 {
		u = bytes.Clone(padding)
		rc4XOR(key, u)
	} else {
		sum := md5.Sum(append(bytes.Clone(padding), id...))
		u = sum[:]
		k := make([]byte, n)
		for i := range 20 {
			for j := range k {
				k[j] = key[j] ^ byte(i)
			}
			rc4XOR(k, u)
		}
	}
	if !bytes.Equal(u, e.u[:len(u)]) {
		return nil, errPassword
	}
	return key, nil
}

// userKeyAES256 checks the empty password against /U and decrypts the file
// key from /UE (Algorithm 2.A), for revisions 5 and 6, and checks it
// against /Perms (Algorithm 13).
func userKeyAES256(e encryptDict) ([]byte, error) {
	if len(e.u) < 48 || len(e.ue) < 32 {
		return nil, fmt.Errorf("%w: /U or /UE of the encryption dictionary is too short", errMalformed)
	}
	hash := func(salt []byte) []byte {
		if e.r == 5 {
			sum := sha256.Sum256(salt)
			return sum[:]
		}
		return hash2B(nil, salt, nil)
	}
	if !bytes.Equal(hash(e.u[32:40]), e.u[:32]) {
		return nil, errPassword
	}
	block, err := aes.NewCipher(hash(e.u[40:48]))
	if err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	cipher.NewCBCDecrypter(block, make([]byte, aes.BlockSize)).CryptBlocks(key, e.ue[:32])
	if len(e.perm) >= 16 {
		fk, err := aes.NewCipher(key)
		if err != nil {
			return nil, err
		}
		perms := make([]byte, 16)
		fk.Decrypt(perms, e.perm[:16])
		if string(perms[9:12]) != "adb" {
			return nil, fmt.Errorf("%w: /Perms does not decrypt with the file key (the encryption dictionary was altered)", errMalformed)
		}
	}
	return key, nil
}

// hash2B is the iterated hash of revision 6 (Algorithm 2.B) over the
// password, a salt and, for the owner password, the /U string.
func hash2B(pw, salt, u []byte) []byte {
	sum := sha256.Sum256(append(append(bytes.Clone(pw), salt...), u...))
	k := sum[:]
	for round := 0; ; {
		seq := append(append(bytes.Clone(pw), k...), u...)
		k1 := bytes.Repeat(seq, 64)
		block, _ := aes.NewCipher(k[:16])
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		// the first 16 bytes of E as a number mod 3: 256 ≡ 1 (mod 3), so
		// the sum of the bytes mod 3
		m := 0
		for _, c := range e[:16] {
			m += int(c)
		}
		var h hash.Hash
		switch m % 3 {
		case 0:
			h = sha256.New()
		case 1:
			h = sha512.New384()
		default:
			h = sha512.New()
		}
		h.Write(e)
		k = h.Sum(nil)
		round++
		if round >= 64 && int(e[len(e)-1]) <= round-32 {
			break
		}
	}
	return k[:32]
}

func rc4XOR(key, b []byte) {
	c, _ := rc4.NewCipher(key) // key is 5 to 16 bytes: never an error
	c.XORKeyStream(b, b)
}

// decryptObject returns the plain bytes of a string or stream of object
// (num, gen) encrypted by method m.
func (s *security) decryptObject(m cryptMethod, num uint32, gen uint16, b []byte) []byte {
	switch m {
	case cryptRC4:
		out := bytes.Clone(b)
		rc4XOR(s.objectKey(num, gen, false), out)
		return out
	case cryptAESV2:
		return decryptAES(s.objectKey(num, gen, true), b)
	case cryptAESV3:
		return decryptAES(s.key, b)
	}
	return b
}

// objectKey is Algorithm 1: the file key extended by the object number and
// generation, hashed, and cut to n+5 bytes (at most 16).
func (s *security) objectKey(num uint32, gen uint16, aes bool) []byte {
	h := md5.New()
	h.Write(s.key)
	h.Write([]byte{byte(num), byte(num >> 8), byte(num >> 16), byte(gen), byte(gen >> 8)})
	if aes {
		h.Write([]byte("sAlT"))
	}
	return h.Sum(nil)[:min(len(s.key)+5, 16)]
}

// decryptAES decrypts AES-CBC data whose first block is the IV and removes
// its PKCS#5 padding. Producers get the details wrong in harmless ways (no
// padding, a partial last block, an empty string written without an IV), so
// those are read as far as they go rather than refused.
func decryptAES(key, b []byte) []byte {
	if len(b) < 2*aes.BlockSize {
		return nil // an empty string or stream: the IV alone, or less
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil
	}
	iv, data := b[:aes.BlockSize], b[aes.BlockSize:]
	out := make([]byte, len(data)/aes.BlockSize*aes.BlockSize)
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, data[:len(out)])
	if n := int(out[len(out)-1]); n >= 1 && n <= aes.BlockSize && bytes.Count(out[len(out)-n:], out[len(out)-1:]) == n {
		out = out[:len(out)-n]
	}
	return out
}
