/* Privacy impact assessment (特定個人情報保護評価, guide 2.5.2): the level
 * the threshold decision requires, the next line, and the yearly review.
 * Pure: no I/O. */
#ifndef MYNA_PIA_H
#define MYNA_PIA_H

/* The lines of the threshold decision, in persons on file. */
#define PIA_LINE_BASIC 1000LL
#define PIA_LINE_MIDDLE 10000LL
#define PIA_LINE_LARGE 100000LL
#define PIA_LINE_FULL 300000LL
/* Handlers of the file at or above which the level goes one step up. */
#define PIA_STAFF_TRIGGER 500LL

enum pia_level {
	PIA_NONE = 0,		/* not required (recommended all the same) */
	PIA_BASIC,		/* 基礎項目評価 */
	PIA_BASIC_FOCUSED,	/* 基礎項目評価 + 重点項目評価 */
	PIA_BASIC_FULL		/* 基礎項目評価 + 全項目評価 */
};

struct pia_facts {
	long long persons;	/* persons on file */
	long long staff;	/* handlers of the file; -1 unknown */
	int incident;		/* serious incident in the past year: 1, 0, -1 unknown */
};

struct pia_result {
	enum pia_level level;
	int band;		/* 0 under 1,000 ... 4 at 300,000 and more */
	int triggers_matter;	/* staff and incidents decide in this band */
	int triggered;		/* 500+ staff or a serious incident */
	long long next;		/* the next line up, 0 above the last */
	long long to_next;	/* persons until it */
};

/* 0..4: which of the five bands persons falls in (negative counts as 0). */
int pia_band(long long persons);
/* Whether staff and incidents change the level for this count. */
int pia_needs_triggers(long long persons);
/* Decides. Staff and incident may be unknown (-1) only where they do not
 * matter; otherwise -1 with a message. */
int pia_assess(const struct pia_facts *f, struct pia_result *r, char **err);
/* "none", "basic", "basic+focused", "basic+full". */
const char *pia_level_code(enum pia_level level);
/* Words for the clerk (translated). */
const char *pia_level_label(enum pia_level level);
/* The line between the bands of two counts: positive when the count went
 * up across it, negative when down, 0 when both are in the same band. When
 * several lines were crossed, the nearest to now. */
long long pia_crossed(long long before, long long now);
/* The review is due a year after done (YYYY-MM-DD); 29 February gives 28
 * February, so the review is never late by the calendar. */
int pia_review_due(const char *done, char out[11], char **err);
/* yes/no (y/n, はい/いいえ) into 1/0; -1 when neither. */
int pia_parse_yesno(const char *s);

#endif
