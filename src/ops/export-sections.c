/* The table of package sections, in writing order. The README comes last
 * so that it can describe all the others. */
#include "config.h"

#include "ops/export-sections.h"
#include "util/i18n.h"

static const struct export_section export_sections[] = {
	{ "audit-records.csv", N_("the audit records of the period, one a row, "
	    "with each record's previous and own chain hash (numbers masked)"),
	    export_audit_records },
	{ "audit-proof.txt", N_("which records the package holds (first, last) "
	    "and the hashes that tie them to the signed Merkle root"),
	    export_audit_proof },
	{ "accounts.csv", N_("the list of accounts: name, role, status, created, "
	    "last login"), export_accounts },
	{ "idproof-patterns.csv", N_("identity verifications by pattern, as at "
	    "the export"), export_idproof_patterns },
	{ "number-collection.csv", N_("numbers collected, by channel and state, "
	    "as at the export (counts only)"), export_number_counts },
	{ "media-custody.csv", N_("every custody step of every medium exchanged "
	    "with J-LIS (packed, shipped, answer received, imported, disposed "
	    "of): date, person, witness, courier, tracking and seal, and each "
	    "file's SHA-256; no container password"), export_media_custody },
	{ "disposal-register.csv", N_("the disposal register: each medium "
	    "destroyed, when, how, by whom with which witness, and what it "
	    "held"), export_disposal_register },
	{ "checkpoint.txt", N_("the signed checkpoint: origin, number of records "
	    "in the log, Merkle root (base64)"), export_checkpoint_note },
	{ "checkpoint.sig", N_("the Ed25519 signature of checkpoint.txt"),
	    export_checkpoint_sig },
	{ "pubkey.pem", N_("the vault's public key, to check both signatures"),
	    export_pubkey },
	{ "README.txt", N_("this file"), export_readme },
};

const struct export_section *
export_section_list(size_t *n)
{
	*n = sizeof export_sections / sizeof export_sections[0];
	return export_sections;
}
