/* tocsin-sign-in-page.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-sign-in-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-auth-request.h"
#include "tocsin-sign-in-page.h"
#include "tocsin-ui-utils.h"

/* What the window shows while not signed in: the start page, "waiting for
 * your browser" (with the link to copy and a field for the redirected
 * address), an error, the site chooser and "sign in again". The page only
 * reflects the context's session, last sign-in error and site choice; the
 * actions (app.sign-in, app.cancel-sign-in, app.site, win.toast) do the work. */

struct _TocsinSignInPage
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkStack          *state_stack;
  GtkWidget         *register_box;
  GtkLabel          *register_label;
  GtkSpinner        *waiting_spinner;
  GtkWidget         *copy_link_button;
  GtkLabel          *browser_failed_label;
  GtkLabel          *link_label;
  AdwEntryRow       *paste_row;
  GtkLabel          *paste_error_label;
  AdwStatusPage     *error_page;
  GtkListBox        *site_list;
  AdwStatusPage     *reauth_page;

  TocsinContext     *context;
  TocsinAuthSession *session;   /* the context's */
};

G_DEFINE_FINAL_TYPE (TocsinSignInPage, tocsin_sign_in_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Auxiliary methods */

static void
show_label (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
reset_waiting (TocsinSignInPage *self)
{
  show_label (self->browser_failed_label, NULL);
  show_label (self->link_label, NULL);
  show_label (self->paste_error_label, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->paste_row), "");
}

static void
update_register_help (TocsinSignInPage *self)
{
  TocsinConfig *config = NULL;
  g_autofree char *redirect = NULL;
  g_autofree char *markup = NULL;
  const char *client_id;

  if (self->session != NULL)
    g_object_get (self->session, "config", &config, NULL);

  client_id = config != NULL ? tocsin_config_get_client_id (config) : "";
  gtk_widget_set_visible (self->register_box, config != NULL && *client_id == '\0');
  if (config == NULL)
    return;

  redirect = g_markup_escape_text (tocsin_config_get_redirect_uri (config), -1);
  markup = g_strdup_printf (_("To sign in, Tocsin needs an Atlassian OAuth 2.0 app. Create one "
                              "in the Atlassian developer console (developer.atlassian.com → "
                              "Developer console → Create → OAuth 2.0 integration). Under "
                              "Authorization, enter the callback URL <tt>%s</tt>. Under "
                              "Permissions, add the Jira API with the scopes <tt>%s</tt>. Then "
                              "enter the app’s client ID and secret in Preferences."),
                            redirect, TOCSIN_AUTH_DEFAULT_SCOPES);
  gtk_label_set_markup (self->register_label, markup);
  g_object_unref (config);
}

static void
update_reauth (TocsinSignInPage *self)
{
  TocsinSite *site = self->session != NULL ? tocsin_auth_session_get_current_site (self->session) : NULL;
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;

  if (site != NULL)
    {
      escaped = g_markup_escape_text (tocsin_site_get_name (site) != NULL ? tocsin_site_get_name (site)
                                                                           : tocsin_site_get_id (site), -1);
      description = g_strdup_printf (_("Your sign-in to %s has expired or was revoked. Sign in again "
                                       "to keep watching its alerts."), escaped);
    }
  else
    description = g_strdup (_("Your sign-in has expired or was revoked. Sign in again to keep "
                              "watching your alerts."));

  adw_status_page_set_description (self->reauth_page, description);
}

static void
update_state (TocsinSignInPage *self)
{
  TocsinAuthState state = self->session != NULL ? tocsin_auth_session_get_state (self->session)
                                                : TOCSIN_AUTH_STATE_SIGNED_OUT;
  gboolean        choosing_site =
    self->context != NULL && tocsin_context_get_choosing_site (self->context);
  const char *name;

  if (choosing_site && state == TOCSIN_AUTH_STATE_SIGNED_IN)
    name = "choose-site";
  else if (state == TOCSIN_AUTH_STATE_SIGNING_IN)
    name = "waiting";
  else if (self->context != NULL && tocsin_context_get_sign_in_error (self->context) != NULL)
    name = "error";
  else if (state == TOCSIN_AUTH_STATE_NEEDS_REAUTH)
    name = "needs-reauth";
  else
    name = "start";

  if (g_strcmp0 (name, "waiting") != 0)
    reset_waiting (self);
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->state_stack), "waiting") != 0)
    reset_waiting (self);

  gtk_spinner_set_spinning (self->waiting_spinner, g_str_equal (name, "waiting"));
  update_reauth (self);
  tocsin_ui_stack_show (self->state_stack, name);
}

/* Why signing in failed; shown until the next attempt. */
static void
update_error (TocsinSignInPage *self)
{
  const GError *error =
    self->context != NULL ? tocsin_context_get_sign_in_error (self->context) : NULL;

  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
    }

  update_state (self);
}

static void
update_copy_link (TocsinSignInPage *self)
{
  const char *uri = self->session != NULL ? tocsin_auth_session_get_authorize_uri (self->session) : NULL;

  gtk_widget_set_sensitive (self->copy_link_button, uri != NULL);
  /* The link stays readable once shown (after a browser failure). */
  if (uri != NULL && gtk_widget_get_visible (GTK_WIDGET (self->link_label)))
    gtk_label_set_text (self->link_label, uri);
}

static GtkWidget *
create_site_row (gpointer item,
                 gpointer user_data)
{
  TocsinSite *site = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 tocsin_site_get_name (site) != NULL ? tocsin_site_get_name (site)
                                                                     : tocsin_site_get_id (site));
  if (tocsin_site_get_url (site) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), tocsin_site_get_url (site));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (arrow, _("Choose this site"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data_full (G_OBJECT (row), "site-id", g_strdup (tocsin_site_get_id (site)), g_free);

  return row;
}

/* Callbacks */

static void
on_browser_failed_cb (TocsinSignInPage *self,
                      const GError     *error,
                      gpointer          session)
{
  /* Not a dead end: the link to copy and the paste field take over. */
  show_label (self->browser_failed_label, error->message);
  show_label (self->link_label, tocsin_auth_session_get_authorize_uri (self->session));
  gtk_widget_grab_focus (GTK_WIDGET (self->paste_row));
}

static void
on_callback_rejected_cb (TocsinSignInPage *self,
                         const GError     *error,
                         gpointer          session)
{
  show_label (self->paste_error_label, error->message);
}

static void
on_copy_link_clicked_cb (TocsinSignInPage *self)
{
  const char *uri =
    self->session != NULL ? tocsin_auth_session_get_authorize_uri (self->session) : NULL;

  if (uri == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), uri);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("Sign-in link copied"));
}

static void
on_paste_apply_cb (TocsinSignInPage *self)
{
  g_autofree char *uri = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->paste_row))));
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || *uri == '\0')
    return;

  if (!tocsin_auth_session_submit_callback_uri (self->session, uri, &error))
    show_label (self->paste_error_label, error->message);
  else
    show_label (self->paste_error_label, NULL);
}

static void
on_site_row_activated_cb (TocsinSignInPage *self,
                          GtkListBoxRow    *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "site-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.site", "s", id);
}

/* GObject overrides */

static void
bind_session (TocsinSignInPage *self)
{
  TocsinAuthSession *session = self->session;
  g_autoptr(TocsinConfig) config = NULL;

  g_signal_connect_object (session, "notify::state", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::current-site", G_CALLBACK (update_reauth), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::authorize-uri", G_CALLBACK (update_copy_link), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "browser-failed", G_CALLBACK (on_browser_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "callback-rejected", G_CALLBACK (on_callback_rejected_cb), self,
                           G_CONNECT_SWAPPED);

  g_object_get (session, "config", &config, NULL);
  g_signal_connect_object (config, "notify::client-id", G_CALLBACK (update_register_help), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (config, "notify::redirect-uri", G_CALLBACK (update_register_help), self,
                           G_CONNECT_SWAPPED);

  gtk_list_box_bind_model (self->site_list, tocsin_auth_session_get_sites (session),
                           create_site_row, NULL, NULL);
}

static void
tocsin_sign_in_page_constructed (GObject *object)
{
  TocsinSignInPage *self = TOCSIN_SIGN_IN_PAGE (object);

  G_OBJECT_CLASS (tocsin_sign_in_page_parent_class)->constructed (object);

  if (self->context == NULL)
    return;

  self->session = g_object_ref (tocsin_context_get_auth_session (self->context));
  bind_session (self);
  g_signal_connect_object (self->context, "notify::sign-in-error", G_CALLBACK (update_error), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::choosing-site", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);

  update_register_help (self);
  update_error (self);
  update_copy_link (self);
}

static void
tocsin_sign_in_page_dispose (GObject *object)
{
  TocsinSignInPage *self = (TocsinSignInPage *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tocsin_sign_in_page_parent_class)->dispose (object);
}

static void
tocsin_sign_in_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TocsinSignInPage *self = TOCSIN_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_sign_in_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TocsinSignInPage *self = TOCSIN_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_sign_in_page_class_init (TocsinSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tocsin_sign_in_page_constructed;
  object_class->dispose = tocsin_sign_in_page_dispose;
  object_class->get_property = tocsin_sign_in_page_get_property;
  object_class->set_property = tocsin_sign_in_page_set_property;

  /* The sign-in, its last error and the site choice shown; NULL shows the start. */
  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TOCSIN_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/tocsin-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinSignInPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, TocsinSignInPage, register_box);
  gtk_widget_class_bind_template_child (widget_class, TocsinSignInPage, register_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinSignInPage, waiting_spinner);
  gtk_widget_class_bind_template_child (widget_class, TocsinSignInPage, copy_link_button);
  gtk_widget_class_bind_template_child (widget_class, TocsinSignInPage, browser_failed_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinSignInPage, link_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinSignInPage, paste_row);
  gtk_widget_class_bind_template_child (widget_class, TocsinSignInPage, paste_error_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinSignInPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TocsinSignInPage, site_list);
  gtk_widget_class_bind_template_child (widget_class, TocsinSignInPage, reauth_page);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_link_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_paste_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_site_row_activated_cb);
}

static void
tocsin_sign_in_page_init (TocsinSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_state (self);
  update_copy_link (self);
}

/* Public API */

/* @context: (nullable): what to show */
TocsinSignInPage *
tocsin_sign_in_page_new (TocsinContext *context)
{
  g_return_val_if_fail (context == NULL || TOCSIN_IS_CONTEXT (context), NULL);

  return g_object_new (TOCSIN_TYPE_SIGN_IN_PAGE, "context", context, NULL);
}

/* Returns: (transfer none) (nullable) */
TocsinContext *
tocsin_sign_in_page_get_context (TocsinSignInPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_PAGE (self), NULL);

  return self->context;
}
