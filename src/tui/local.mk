# tui: the ncurses console.
# Included by Makefile.am; one library per layer (DESIGN.md).
noinst_LIBRARIES += libmyna-tui.a
libmyna_tui_a_SOURCES = \
	src/tui/ambi.c src/tui/ambi.h src/tui/audit-view.h src/tui/compare.c \
	src/tui/compare.h src/tui/draw.c src/tui/draw.h src/tui/field.c \
	src/tui/figures.c src/tui/form.c src/tui/form.h \
	src/tui/keyclock.c src/tui/keyclock.h src/tui/keys.c src/tui/keys.h src/tui/list-show.c src/tui/list.c \
	src/tui/list.h src/tui/open-person.c src/tui/person-text.c \
	src/tui/person-text.h src/tui/reg-screen.h \
	src/tui/screen-audit-forms.c src/tui/screen-audit-record.c \
	src/tui/screen-audit.c src/tui/screen-evidence.c src/tui/screen-help.c \
	src/tui/screen-home.c src/tui/screen-idproof.c src/tui/screen-jlis.c \
	src/tui/screen-login.c src/tui/screen-media-steps.c \
	src/tui/screen-media.c src/tui/screen-number-confirm.c \
	src/tui/screen-number-due.c src/tui/screen-number-overdue.c \
	src/tui/screen-number-reveal.c src/tui/screen-number.c \
	src/tui/screen-person.c src/tui/screen-persons.c \
	src/tui/screen-reg-forms.c src/tui/screen-reg-mismatches.c \
	src/tui/screen-reg-rows.c src/tui/screen-reg.c \
	src/tui/screen-supervisor.c src/tui/screen-user-add.c \
	src/tui/screen-users.c src/tui/screens.h src/tui/tui.c src/tui/tui.h \
	src/tui/wrap.c src/tui/wrap.h
