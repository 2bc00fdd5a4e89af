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
#include "tocsin-window.h"

/* What the window shows while not signed in: the start page, "waiting for
 * your browser" (with the link to copy and a field for the redirected
 * address), an error, the site chooser and "sign in again". The page only
 * reflects the session's state and the app's last error; the actions
 * (app.sign-in, app.cancel-sign-in, app.site) do the work. */

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

  TocsinAuthSession *session;
  GError            *error;
  gboolean           choosing_site;
};

G_DEFINE_FINAL_TYPE (TocsinSignInPage, tocsin_sign_in_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ERROR,
  PROP_CHOOSING_SITE,
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
  const char *name;

  if (self->choosing_site && state == TOCSIN_AUTH_STATE_SIGNED_IN)
    name = "choose-site";
  else if (state == TOCSIN_AUTH_STATE_SIGNING_IN)
    name = "waiting";
  else if (self->error != NULL)
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
  gtk_stack_set_visible_child_name (self->state_stack, name);
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
  const char *uri = self->session != NULL ? tocsin_auth_session_get_authorize_uri (self->session) : NULL;
  GtkWidget *window;

  if (uri == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), uri);
  window = gtk_widget_get_ancestor (GTK_WIDGET (self), TOCSIN_TYPE_WINDOW);
  if (window != NULL)
    tocsin_window_add_toast (TOCSIN_WINDOW (window), adw_toast_new (_("Sign-in link copied")));
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
tocsin_sign_in_page_dispose (GObject *object)
{
  TocsinSignInPage *self = (TocsinSignInPage *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (tocsin_sign_in_page_parent_class)->dispose (object);
}

static void
tocsin_sign_in_page_finalize (GObject *object)
{
  TocsinSignInPage *self = (TocsinSignInPage *)object;

  g_clear_error (&self->error);

  G_OBJECT_CLASS (tocsin_sign_in_page_parent_class)->finalize (object);
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
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_CHOOSING_SITE:
      g_value_set_boolean (value, self->choosing_site);
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
    case PROP_SESSION:
      tocsin_sign_in_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_ERROR:
      tocsin_sign_in_page_set_error (self, g_value_get_boxed (value));
      break;
    case PROP_CHOOSING_SITE:
      tocsin_sign_in_page_set_choosing_site (self, g_value_get_boolean (value));
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

  object_class->dispose = tocsin_sign_in_page_dispose;
  object_class->finalize = tocsin_sign_in_page_finalize;
  object_class->get_property = tocsin_sign_in_page_get_property;
  object_class->set_property = tocsin_sign_in_page_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TOCSIN_TYPE_AUTH_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CHOOSING_SITE] =
    g_param_spec_boolean ("choosing-site", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

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

/* Returns: (transfer none) (nullable) */
TocsinAuthSession *
tocsin_sign_in_page_get_session (TocsinSignInPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_PAGE (self), NULL);

  return self->session;
}

void
tocsin_sign_in_page_set_session (TocsinSignInPage  *self,
                                 TocsinAuthSession *session)
{
  TocsinConfig *config = NULL;

  g_return_if_fail (TOCSIN_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (session == NULL || TOCSIN_IS_AUTH_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_object_get (self->session, "config", &config, NULL);
      g_signal_handlers_disconnect_by_data (self->session, self);
      if (config != NULL)
        g_signal_handlers_disconnect_by_data (config, self);
      g_clear_object (&config);
    }

  g_set_object (&self->session, session);

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::state", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::current-site", G_CALLBACK (update_reauth), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::authorize-uri", G_CALLBACK (update_copy_link), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "browser-failed", G_CALLBACK (on_browser_failed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "callback-rejected", G_CALLBACK (on_callback_rejected_cb), self, G_CONNECT_SWAPPED);

      g_object_get (session, "config", &config, NULL);
      g_signal_connect_object (config, "notify::client-id", G_CALLBACK (update_register_help), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (config, "notify::redirect-uri", G_CALLBACK (update_register_help), self, G_CONNECT_SWAPPED);
      g_clear_object (&config);

      gtk_list_box_bind_model (self->site_list, tocsin_auth_session_get_sites (session),
                               create_site_row, NULL, NULL);
    }
  else
    gtk_list_box_bind_model (self->site_list, NULL, NULL, NULL, NULL);

  update_register_help (self);
  update_state (self);
  update_copy_link (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

/* Returns: (transfer none) (nullable) */
const GError *
tocsin_sign_in_page_get_error (TocsinSignInPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_PAGE (self), NULL);

  return self->error;
}

/* @error: (nullable): why signing in failed; shown until the next attempt */
void
tocsin_sign_in_page_set_error (TocsinSignInPage *self,
                               const GError     *error)
{
  g_return_if_fail (TOCSIN_IS_SIGN_IN_PAGE (self));

  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      self->error = g_error_copy (error);
      adw_status_page_set_description (self->error_page, escaped);
    }

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR]);
}

gboolean
tocsin_sign_in_page_get_choosing_site (TocsinSignInPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_PAGE (self), FALSE);

  return self->choosing_site;
}

void
tocsin_sign_in_page_set_choosing_site (TocsinSignInPage *self,
                                       gboolean          choosing_site)
{
  g_return_if_fail (TOCSIN_IS_SIGN_IN_PAGE (self));

  choosing_site = !!choosing_site;
  if (self->choosing_site == choosing_site)
    return;

  self->choosing_site = choosing_site;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHOOSING_SITE]);
}
