#ifndef GOTRIAGE_CEDITLINE_SHIM_H
#define GOTRIAGE_CEDITLINE_SHIM_H

/*
 * Non-variadic wrappers around libedit (editline(3), history(3)).
 *
 * el_set, el_get and history are C-variadic, which Swift cannot call; every
 * operation LineEditing needs gets one small fixed-signature function here.
 * Wrappers return libedit's own result: 0 (or a non-negative value) on
 * success, -1 on failure, unless stated otherwise.
 */

#include <histedit.h>
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

/** Prompt callback: returns the prompt text (must stay valid until the next call). */
typedef char *(*gt_prompt_fn)(EditLine *);
/** Key-bound editor function (EL_ADDFN): returns one of the CC_* codes. */
typedef unsigned char (*gt_editor_fn)(EditLine *, int);
/** Character reader (EL_GETCFN): 1 = read one character, 0 = end of file, -1 = error. */
typedef int (*gt_getc_fn)(EditLine *, wchar_t *);

/* MARK: editline */

static inline int gt_el_set_prompt_esc(EditLine *el, gt_prompt_fn fn, char literal) {
    return el_set(el, EL_PROMPT_ESC, fn, literal);
}

static inline int gt_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int gt_el_set_signal(EditLine *el, int enabled) {
    return el_set(el, EL_SIGNAL, enabled);
}

static inline int gt_el_set_hist(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

static inline int gt_el_set_getcfn(EditLine *el, gt_getc_fn fn) {
    return el_set(el, EL_GETCFN, fn);
}

static inline int gt_el_addfn(EditLine *el, const char *name, const char *help, gt_editor_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

/** Binds one key sequence (e.g. "^I") to a named editor function. */
static inline int gt_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}

static inline int gt_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

/** The EL_CLIENTDATA pointer, or NULL when unset or on failure. */
static inline void *gt_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) {
        return NULL;
    }
    return data;
}

/** Terminal width in columns (termcap "co"), or `fallback` when unknown. */
static inline int gt_el_get_columns(EditLine *el, int fallback) {
    int columns = 0;
    if (el_get(el, EL_GETTC, "co", &columns) != 0 || columns <= 0) {
        return fallback;
    }
    return columns;
}

/* MARK: history */

/** A new history list holding at most `size` entries, consecutive duplicates dropped; NULL on failure. */
static inline History *gt_history_init(int size) {
    HistEvent ev;
    History *h = history_init();
    if (h == NULL) {
        return NULL;
    }
    if (history(h, &ev, H_SETSIZE, size) < 0 || history(h, &ev, H_SETUNIQUE, 1) < 0) {
        history_end(h);
        return NULL;
    }
    return h;
}

static inline int gt_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

static inline int gt_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}

static inline int gt_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

/** The oldest entry (moves the history cursor there), or NULL when the history is empty. */
static inline const char *gt_history_oldest(History *h) {
    HistEvent ev;
    return history(h, &ev, H_LAST) < 0 ? NULL : ev.str;
}

/** The entry one newer than the cursor (moves the cursor), or NULL past the newest. */
static inline const char *gt_history_newer(History *h) {
    HistEvent ev;
    return history(h, &ev, H_PREV) < 0 ? NULL : ev.str;
}

#endif
