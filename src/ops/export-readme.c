/* README.txt of a package: what each file holds and how to check it all
 * with sha256sum and openssl alone. Command lines start with "    $ " so a
 * test (and a careful reader) can run them exactly as printed. */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "ops/export-sections.h"
#include "store/vault.h"
#include "util/i18n.h"

static void
readme_head(struct export_ctx *c, struct xbuf *o)
{
	xbuf_printf(o, "%s\n\n", _("mynadesk export package"));
	xbuf_printf(o, _("Association: %s (insurer %s)\n"), c->s->vault_name,
	    vault_insurer(c->s->v));
	xbuf_printf(o, _("Period: %s to %s, Japan time (UTC+9), whole days\n"),
	    c->from, c->to);
	if (c->first > 0)
		xbuf_printf(o, _("Audit records: %lld to %lld, of %lld in the signed "
		    "log\n"), (long long)c->first, (long long)c->last,
		    (long long)c->cp.tree_size);
	else
		xbuf_printf(o, _("Audit records: none in this period (the signed "
		    "log has %lld)\n"), (long long)c->cp.tree_size);
	xbuf_printf(o, _("Exported by: %s\n"), c->s->user);
	xbuf_printf(o, _("Signing key fingerprint (SHA-256):\n  %s\n"),
	    c->key_print);
	xbuf_printf(o, "%s\n\n", _("Compare it with the fingerprint printed on the "
	    "association's daily work reports: a package signed with any other "
	    "key is not the association's."));
}

static void
readme_files(struct xbuf *o)
{
	size_t i, n;
	const struct export_section *sec = export_section_list(&n);

	xbuf_printf(o, "%s\n", _("Files"));
	for (i = 0; i < n; i++)
		xbuf_printf(o, "  %-22s %s\n", sec[i].name, _(sec[i].about));
	xbuf_printf(o, "  %-22s %s\n", "SHA256SUMS", _("the SHA-256 of every file "
	    "above, in sha256sum's format"));
	xbuf_printf(o, "  %-22s %s\n\n", "SHA256SUMS.sig", _("the Ed25519 "
	    "signature of SHA256SUMS"));
	xbuf_printf(o, "%s\n\n", _("The CSV files are UTF-8 with a byte-order mark "
	    "and CRLF line ends: Excel opens them directly. Times in the audit "
	    "records are UTC. No full individual number appears in any file: "
	    "details keep at most the last four digits."));
}

static void
readme_check(struct xbuf *o)
{
	xbuf_printf(o, "%s\n\n", _("How to check this package, in this folder, "
	    "with sha256sum and OpenSSL 3 alone"));
	xbuf_printf(o, "%s\n", _("1. No file was changed (every line must say OK):"));
	xbuf_puts(o, "    $ sha256sum -c SHA256SUMS\n");
	xbuf_printf(o, "%s\n", _("2. The list of sums was signed with the vault's "
	    "key (\"Signature Verified Successfully\"):"));
	xbuf_puts(o, "    $ openssl pkeyutl -verify -pubin -inkey pubkey.pem "
	    "-rawin -in SHA256SUMS -sigfile SHA256SUMS.sig\n");
	xbuf_printf(o, "%s\n", _("3. The checkpoint was signed with the same key:"));
	xbuf_puts(o, "    $ openssl pkeyutl -verify -pubin -inkey pubkey.pem "
	    "-rawin -in checkpoint.txt -sigfile checkpoint.sig\n");
	xbuf_printf(o, "%s\n", _("4. The key is the association's: this prints the "
	    "fingerprint to compare with the one above and on paper:"));
	xbuf_puts(o, "    $ openssl pkey -pubin -in pubkey.pem -outform DER | "
	    "sha256sum\n");
	xbuf_printf(o, "%s\n", _("5. The records are exactly those of the signed "
	    "log (mynadesk, without any vault or password; it also does 1 to 3):"));
	xbuf_puts(o, "    $ mynadesk export verify .\n\n");
}

static void
readme_proof(struct xbuf *o)
{
	xbuf_printf(o, "%s\n", _("How the records are tied to the checkpoint"));
	xbuf_printf(o, "%s\n", _("- A record's bytes: its sequence as 8 bytes "
	    "big-endian, then time_utc, actor, actor2, action, subject and detail, "
	    "each as a 4-byte big-endian length and its UTF-8 bytes."));
	xbuf_printf(o, "%s\n", _("- Its leaf hash is SHA-256(0x00 || bytes); the "
	    "log is an RFC 6962 Merkle tree of the leaves of records 1 to N, with "
	    "nodes SHA-256(0x01 || left || right); checkpoint.txt signs its root."));
	xbuf_printf(o, "%s\n", _("- The hash column chains the records: "
	    "SHA-256(prev || leaf), prev being the record before's hash; a changed "
	    "or missing record is named by this chain."));
	xbuf_printf(o, "%s\n", _("- audit-proof.txt gives the first and last record "
	    "and the hashes of the largest subtrees lying wholly outside them, in "
	    "the order of a depth-first, left-to-right walk of the tree (split at "
	    "the largest power of two below a node's size). With the records' "
	    "leaves they rebuild the signed root."));
}

int
export_readme(struct export_ctx *c, struct xbuf *out, char **err)
{
	(void)err;
	readme_head(c, out);
	readme_files(out);
	readme_check(out);
	readme_proof(out);
	return 0;
}
