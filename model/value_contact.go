package model

import (
	"net/mail"
	"net/netip"
	"net/url"
	"strings"
)

const (
	emailExpected = "an email address like jane@acme.com"
	linkExpected  = "a web address like acme.com or https://acme.com/pricing"
)

// parseEmail checks one address and returns its canonical form: the local
// part as typed, the domain lowercased (domains are case-insensitive,
// local parts in principle are not). A display name ("Jane
// <jane@acme.com>") is dropped.
func parseEmail(s string) (string, bool) {
	s = strings.TrimPrefix(s, "mailto:")
	a, err := mail.ParseAddress(s)
	if err != nil {
		return "", false
	}
	at := strings.LastIndexByte(a.Address, '@')
	if at <= 0 {
		return "", false
	}
	local, domain := a.Address[:at], a.Address[at+1:]
	// Quoted local parts may hold spaces and commas, which would not survive
	// the list's text form; CRMs never see them in practice.
	if strings.ContainsAny(local, " \t\",;<>") {
		return "", false
	}
	// Require a dotted domain: "jane@acme" is almost always a typo.
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, "[") ||
		strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return "", false
	}
	return local + "@" + strings.ToLower(domain), true
}

// parseLink checks one web address and returns its canonical form. A bare
// host ("acme.com/pricing") gets https://; scheme and host are lowercased.
func parseLink(s string) (string, bool) {
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" || u.User != nil {
		return "", false
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", false
	}
	u.Host = strings.ToLower(u.Host)
	if !validHost(u.Hostname()) {
		return "", false
	}
	out := u.String()
	if strings.ContainsAny(out, " \t\n") || strings.HasSuffix(out, ",") || strings.HasSuffix(out, ";") {
		return "", false
	}
	return out, true
}

// validHost accepts domain names with a dot, localhost and IP addresses.
func validHost(h string) bool {
	if h == "" {
		return false
	}
	if h == "localhost" {
		return true
	}
	if _, err := netip.ParseAddr(h); err == nil {
		return true
	}
	if !strings.Contains(h, ".") || strings.HasPrefix(h, ".") || strings.HasSuffix(h, ".") || strings.Contains(h, "..") {
		return false
	}
	for _, r := range h {
		switch {
		case r == '-' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z':
		case r > 127: // internationalised domain names
		default:
			return false
		}
	}
	return true
}

// splitLinks splits link text into addresses. Whitespace always separates;
// a comma or semicolon separates only where the text around it is not one
// valid address, because URLs may contain commas ("/a,b").
func splitLinks(s string) []string {
	var out []string
	for _, tok := range strings.Fields(s) {
		tok = strings.Trim(tok, ",;")
		if tok == "" {
			continue
		}
		if _, ok := parseLink(tok); ok || !strings.ContainsAny(tok, ",;") {
			out = append(out, tok)
			continue
		}
		out = append(out, strings.FieldsFunc(tok, func(r rune) bool { return r == ',' || r == ';' })...)
	}
	return out
}

// displayLink drops the scheme and a bare trailing slash: "acme.com" reads
// better in a table cell than "https://acme.com/".
func displayLink(s string) string {
	t := strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	if strings.Count(t, "/") == 1 && strings.HasSuffix(t, "/") {
		t = strings.TrimSuffix(t, "/")
	}
	return t
}
