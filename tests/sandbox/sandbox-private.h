/* sandbox-private.h: shared state and helpers of tocsin-sandbox
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tocsin-sandbox imitates auth.atlassian.com and the JSM Ops API for tests
 * and the demo. It is a test server with one global state object; it shares
 * no code with the app on purpose.
 */

#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SB_USER_ACCOUNT_ID "5b10ac8d82e05b22cc7d4ef5"

#define SB_SCOPE_READ_ALERT    "read:ops-alert:jira-service-management"
#define SB_SCOPE_WRITE_ALERT   "write:ops-alert:jira-service-management"
#define SB_SCOPE_DELETE_ALERT  "delete:ops-alert:jira-service-management"
#define SB_SCOPE_READ_CONFIG   "read:ops-config:jira-service-management"
#define SB_SCOPE_READ_USER     "read:jira-user"
#define SB_SCOPE_OFFLINE       "offline_access"

#define SB_ALERT_WINDOW 20000

/* ---- options ---------------------------------------------------------- */

typedef struct
{
  int        port;
  gboolean   ipv6;
  char      *client_id;
  char      *client_secret;
  char     **callback_urls;
  char     **scopes;
  gint64     access_token_lifetime;
  gint64     refresh_reuse_interval;
  gint64     refresh_inactivity;
  gint64     refresh_absolute;
  gint64     code_lifetime;
  guint      action_delay_ms;
  int        alerts;        /* -1 = the seeded set */
  guint      seed;
  gboolean   live;
  gboolean   auto_consent;
  gboolean   classic_scopes; /* accessible-resources lists classic scopes only */
  int        no_ops_site;    /* index of a site without Operations (404), or -1 */
  gboolean   reject_pkce;    /* a server that knows no PKCE, and is strict */
} SbOptions;

/* ---- data ------------------------------------------------------------- */

typedef struct
{
  char *account_id;
  char *display_name;
  char *email;
  char *time_zone;
  char *locale;
} SbUser;

typedef struct
{
  char      *id;
  char      *name;
  char      *url;
  char      *avatar_url;
  GPtrArray *alerts;      /* of SbAlert*, creation order */
  GHashTable *by_id;      /* id -> SbAlert* (borrowed) */
  GHashTable *by_alias;   /* alias -> newest SbAlert* (borrowed) */
  GPtrArray *teams;       /* of SbTeam* */
  GPtrArray *schedules;   /* of SbSchedule* */
  GPtrArray *forwardings; /* of SbForwarding* */
  guint      next_tiny_id;
} SbSite;

typedef struct
{
  char      *id;
  char      *name;
  char      *description;
  GPtrArray *member_ids;   /* of char* account ids */
  GPtrArray *escalations;  /* of JsonObject* (already in API shape) */
} SbTeam;

typedef enum
{
  SB_ROTATION_HOURLY,
  SB_ROTATION_DAILY,
  SB_ROTATION_WEEKLY,
} SbRotationType;

typedef enum
{
  SB_RESTRICTION_NONE,
  SB_RESTRICTION_TIME_OF_DAY,
  SB_RESTRICTION_WEEKDAY_AND_TIME_OF_DAY,
} SbRestrictionType;

typedef struct
{
  int start_day;  /* 0 = Monday .. 6 = Sunday; unused for time-of-day */
  int start_hour;
  int start_min;
  int end_day;
  int end_hour;
  int end_min;
} SbRestriction;

typedef struct
{
  char              *type;   /* user, team, escalation, noone */
  char              *id;     /* NULL for noone */
} SbParticipant;

typedef struct
{
  char              *id;
  char              *name;
  int                order;
  SbRotationType     type;
  int                length;
  GDateTime         *start;  /* in the schedule's time zone */
  GDateTime         *end;    /* NULL = open-ended */
  GPtrArray         *participants; /* of SbParticipant* */
  SbRestrictionType  restriction_type;
  GArray            *restrictions; /* of SbRestriction */
} SbRotation;

typedef struct
{
  char      *alias;
  char      *user_id;       /* NULL = noone */
  GDateTime *start;
  GDateTime *end;
  GPtrArray *rotation_ids;  /* NULL = every rotation */
} SbOverride;

typedef struct
{
  char      *from_user;
  char      *to_user;
  GDateTime *start;
  GDateTime *end;
} SbForwarding;

typedef struct
{
  char      *id;
  char      *name;
  char      *description;
  char      *timezone;
  gboolean   enabled;
  char      *team_id;
  GTimeZone *tz;
  GPtrArray *rotations;  /* of SbRotation* */
  GPtrArray *overrides;  /* of SbOverride* */
} SbSchedule;

typedef struct
{
  JsonObject *obj;        /* the alert in API shape */
  SbSite     *site;
  GPtrArray  *notes;      /* of JsonObject* */
  GPtrArray  *logs;       /* of JsonObject* */
  gint64      inserted_at;/* µs, for sort=insertedAt */
  guint       next_note;
  guint       next_log;
} SbAlert;

/* ---- auth state ------------------------------------------------------- */

typedef struct
{
  guint      id;
  char     **scopes;
  char     **site_ids;
  gboolean   revoked;
  gint64     absolute_expiry;  /* µs; 0 until the first refresh token */
} SbGrant;

/* ---- the global state ------------------------------------------------- */

typedef struct
{
  SbOptions   opts;
  SoupServer *server;
  char       *base_url;
  gint64      clock_offset;   /* µs added to the real clock (/_sandbox/clock) */
  GRand      *token_rand;
  GRand      *live_rand;

  GPtrArray  *users;          /* of SbUser* */
  GPtrArray  *sites;          /* of SbSite* */

  GPtrArray  *grants;         /* of SbGrant* */
  GHashTable *codes;          /* code -> SbCode* (sandbox-auth.c) */
  GHashTable *access_tokens;  /* token -> SbAccessToken* */
  GHashTable *refresh_tokens; /* token -> SbRefreshToken* */
  GHashTable *requests;       /* request id -> JsonObject* (processed only) */

  GPtrArray  *log;            /* of JsonObject* */
  guint       log_seq;
  GPtrArray  *faults;         /* of SbFault* (sandbox-control.c) */
  guint       fault_seq;
} SbState;

extern SbState *sb;

/* ---- sandbox-util.c --------------------------------------------------- */

gint64       sb_now_us                (void);
GDateTime   *sb_now                   (void);
char        *sb_iso                   (GDateTime          *dt);
char        *sb_iso_us                (gint64              us);
GDateTime   *sb_parse_iso             (const char         *text,
                                       GTimeZone          *default_tz);
char        *sb_stable_uuid           (const char         *label);
char        *sb_random_token          (const char         *prefix);
char        *sb_random_uuid           (void);

GHashTable  *sb_query_parse           (const char         *query);
const char  *sb_query_get             (GHashTable         *query,
                                       const char         *key);
GPtrArray   *sb_query_get_all         (GHashTable         *query,
                                       const char         *key);
gboolean     sb_query_get_int         (GHashTable         *query,
                                       const char         *key,
                                       gint64              default_value,
                                       gint64             *out);
gboolean     sb_query_get_bool        (GHashTable         *query,
                                       const char         *key,
                                       gboolean            default_value);
JsonNode    *sb_query_to_json         (GHashTable         *query);

JsonNode    *sb_request_json          (SoupServerMessage  *msg);
GHashTable  *sb_request_form          (SoupServerMessage  *msg);
JsonObject  *sb_request_fields        (SoupServerMessage  *msg);
GHashTable  *sb_request_query         (SoupServerMessage  *msg);

void         sb_respond_json          (SoupServerMessage  *msg,
                                       guint               status,
                                       JsonNode           *node);
void         sb_respond_object        (SoupServerMessage  *msg,
                                       guint               status,
                                       JsonObject         *obj);
void         sb_respond_text          (SoupServerMessage  *msg,
                                       guint               status,
                                       const char         *content_type,
                                       const char         *text);
void         sb_respond_redirect      (SoupServerMessage  *msg,
                                       const char         *location);
void         sb_respond_empty         (SoupServerMessage  *msg,
                                       guint               status);

void         sb_error_oauth           (SoupServerMessage  *msg,
                                       guint               status,
                                       const char         *error,
                                       const char         *description);
void         sb_error_gateway         (SoupServerMessage  *msg,
                                       guint               status,
                                       const char         *message);
void         sb_error_alert           (SoupServerMessage  *msg,
                                       guint               status,
                                       const char         *message);
void         sb_error_generic         (SoupServerMessage  *msg,
                                       guint               status,
                                       const char         *title,
                                       const char         *code);
void         sb_error_jira            (SoupServerMessage  *msg,
                                       guint               status,
                                       const char         *message);

char        *sb_html_escape           (const char         *text);
gboolean     sb_strv_contains_all     (const char * const *haystack,
                                       const char * const *needles);
char        *sb_url_with_params       (const char         *base,
                                       ...) G_GNUC_NULL_TERMINATED;
JsonNode    *sb_string_array          (GPtrArray          *strings);

/* ---- sandbox-auth.c --------------------------------------------------- */

void         sb_auth_init             (void);
gboolean     sb_auth_handle           (SoupServerMessage  *msg,
                                       const char         *path);
SbGrant     *sb_auth_check_bearer     (SoupServerMessage  *msg,
                                       SbSite             *site,
                                       const char * const *required_scopes);
void         sb_auth_expire_access_tokens (void);
void         sb_auth_revoke_all       (void);

/* ---- sandbox-data.c --------------------------------------------------- */

void         sb_data_init             (void);
SbUser      *sb_data_find_user        (const char         *account_id);
SbSite      *sb_data_find_site        (const char         *cloud_id);
SbTeam      *sb_data_find_team        (SbSite             *site,
                                       const char         *team_id);
SbSchedule  *sb_data_find_schedule    (SbSite             *site,
                                       const char         *id_or_name);
SbAlert     *sb_data_find_alert       (SbSite             *site,
                                       const char         *id);
SbAlert     *sb_data_find_alert_by_alias (SbSite          *site,
                                       const char         *alias);
SbAlert     *sb_data_create_alert     (SbSite             *site,
                                       JsonObject         *fields,
                                       GError            **error);
gboolean     sb_data_update_alert     (SbAlert            *alert,
                                       JsonObject         *fields,
                                       GError            **error);
void         sb_data_alert_log        (SbAlert            *alert,
                                       const char         *log_type,
                                       const char         *owner,
                                       const char         *text);
JsonObject  *sb_data_alert_add_note   (SbAlert            *alert,
                                       const char         *owner,
                                       const char         *text);
void         sb_data_alert_free       (gpointer            data);
void         sb_data_seed_schedules   (SbSite             *site,
                                       guint               index);
void         sb_data_alert_touch      (SbAlert            *alert);
void         sb_data_refresh_snoozes  (SbSite             *site);
JsonObject  *sb_data_user_json        (SbUser             *user);

/* ---- sandbox-query.c -------------------------------------------------- */

typedef struct _SbQuery SbQuery;

SbQuery     *sb_query_compile         (const char         *text,
                                       GError            **error);
gboolean     sb_query_matches         (SbQuery            *query,
                                       SbAlert            *alert);
void         sb_query_free            (SbQuery            *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbQuery, sb_query_free)

/* ---- sandbox-timeline.c ----------------------------------------------- */

/* One stretch of a rotation; strings are borrowed from the data. */
typedef struct
{
  gint64      start;          /* µs since the epoch, UTC */
  gint64      end;
  const char *type;           /* base, override, forwarding */
  const char *responder_type; /* user, team, escalation, noone */
  const char *responder_id;   /* NULL for noone */
  const char *from_id;        /* forwarding: the user it came from */
} SbPeriod;

gint64       sb_dt_to_us              (GDateTime          *dt);
GDateTime   *sb_us_to_dt              (gint64              us,
                                       GTimeZone          *tz);
GArray      *sb_timeline_rotation     (SbSite             *site,
                                       SbSchedule         *schedule,
                                       SbRotation         *rotation,
                                       gint64              window_start,
                                       gint64              window_end,
                                       gboolean            final);

/* ---- sandbox-ops-alerts.c / sandbox-ops-schedules.c / sandbox-jira.c -- */

gboolean     sb_alerts_handle         (SoupServerMessage  *msg,
                                       SbSite             *site,
                                       const char         *rest);
guint        sb_alerts_flush          (void);
gboolean     sb_schedules_handle      (SoupServerMessage  *msg,
                                       SbSite             *site,
                                       const char         *rest);
gboolean     sb_jira_handle           (SoupServerMessage  *msg,
                                       SbSite             *site,
                                       const char         *rest);

/* ---- sandbox-control.c ------------------------------------------------ */

void         sb_control_init          (void);
gboolean     sb_control_handle        (SoupServerMessage  *msg,
                                       const char         *path);
void         sb_control_log_request   (SoupServerMessage  *msg);
gboolean     sb_control_apply_fault   (SoupServerMessage  *msg,
                                       const char         *path);

/* ---- sandbox-main.c --------------------------------------------------- */

void         sb_dispatch              (SoupServerMessage  *msg);

/* ---- sandbox-live.c --------------------------------------------------- */

void         sb_live_start            (void);

G_END_DECLS
