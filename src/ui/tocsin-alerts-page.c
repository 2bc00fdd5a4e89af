/* tocsin-alerts-page.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alerts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-service.h"
#include "tocsin-alerts-page-private.h"
#include "tocsin-ui-utils.h"
#include "tocsin-plain-text.h"

G_DEFINE_FINAL_TYPE (TocsinAlertsPage, tocsin_alerts_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MONITOR,
  PROP_ACCOUNT_ID,
  PROP_ACCOUNT_NAME,
  PROP_OPEN_UNACKNOWLEDGED_COUNT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Auxiliary methods */

void
_tocsin_alerts_page_show_toast (TocsinAlertsPage *self,
                                const char       *text,
                                gboolean          failure)
{
  AdwToast *toast = tocsin_toast_new_plain (text);

  g_assert (TOCSIN_IS_ALERTS_PAGE (self));

  if (failure)
    {
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 10);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The selected alerts, in list order (new references). */
GPtrArray *
_tocsin_alerts_page_dup_selected_alerts (TocsinAlertsPage *self)
{
  GPtrArray *alerts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  g_assert (TOCSIN_IS_ALERTS_PAGE (self));

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    {
      do
        g_ptr_array_add (alerts, g_list_model_get_item (G_LIST_MODEL (self->selection), position));
      while (gtk_bitset_iter_next (&iter, &position));
    }

  return alerts;
}

static TocsinAlertService *
monitor_service (TocsinAlertsPage *self)
{
  return self->monitor != NULL ? tocsin_alert_monitor_get_service (self->monitor) : NULL;
}

/* Built the first time an alert is selected: a start that shows only the
 * list pays nothing for it. */
static void
ensure_details (TocsinAlertsPage *self)
{
  if (self->details != NULL)
    return;
  self->details = g_object_new (TOCSIN_TYPE_ALERT_DETAILS, NULL);
  tocsin_alert_details_set_service (self->details, monitor_service (self));
  adw_bin_set_child (self->details_bin, GTK_WIDGET (self->details));
}

static void
update_selection (TocsinAlertsPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 n_selected = gtk_bitset_get_size (selected);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  g_autofree char *count = NULL;

  _tocsin_alerts_page_update_actions (self, (guint) n_selected);

  if (n_selected > 0)
    ensure_details (self);
  if (self->details != NULL)
    {
      g_autoptr(TocsinAlert) alert = n_selected == 1
                                        ? g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                                 gtk_bitset_get_minimum (selected))
                                        : NULL;

      tocsin_alert_details_set_alert (self->details, alert);
      tocsin_alert_details_set_n_selected (self->details, (guint)n_selected);
    }

  if (n_selected > 0)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u alert selected",
                                          "%u of %u alerts selected", n_items),
                             (guint) n_selected, n_items);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u alert", "%u alerts", n_items), n_items);
  gtk_label_set_text (self->count_label, count);
}

static gboolean
is_default_query (const char *query,
                  TocsinAlertPreset preset)
{
  g_autofree char *preset_query = tocsin_alert_preset_query (preset);

  return g_strcmp0 (query != NULL ? query : "", preset_query) == 0;
}

static void
update_state (TocsinAlertsPage *self)
{
  const char *page;
  const GError *error = NULL;
  gboolean loading = FALSE;

  if (self->monitor == NULL)
    page = "none";
  else
    {
      error = tocsin_alert_monitor_get_error (self->monitor);
      loading = tocsin_alert_monitor_get_loading (self->monitor);

      if (g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) > 0)
        page = "list";
      else if (loading || (error == NULL && tocsin_alert_monitor_get_last_refresh (self->monitor) == NULL))
        page = "loading";
      else if (error != NULL)
        page = "error";
      else
        page = "empty";
    }

  if (g_strcmp0 (page, "error") == 0)
    tocsin_status_page_set_plain_description (self->error_page, error->message);

  if (g_strcmp0 (page, "empty") == 0)
    {
      const char *query = tocsin_alert_monitor_get_query (self->monitor);

      if (is_default_query (query, TOCSIN_ALERT_PRESET_OPEN))
        {
          adw_status_page_set_title (self->empty_page, _("No Open Alerts"));
          adw_status_page_set_description (self->empty_page, _("All quiet. New alerts appear here as they come in."));
        }
      else if (is_default_query (query, TOCSIN_ALERT_PRESET_UNACKNOWLEDGED))
        {
          adw_status_page_set_title (self->empty_page, _("No Unacknowledged Alerts"));
          adw_status_page_set_description (self->empty_page, _("Every open alert has been acknowledged."));
        }
      else if (is_default_query (query, TOCSIN_ALERT_PRESET_ALL))
        {
          adw_status_page_set_title (self->empty_page, _("No Alerts"));
          adw_status_page_set_description (self->empty_page, _("This site has no alerts."));
        }
      else
        {
          g_autofree char *description = g_strdup_printf (_("No alert matches “%s”."), query);

          adw_status_page_set_title (self->empty_page, _("No Matching Alerts"));
          tocsin_status_page_set_plain_description (self->empty_page, description);
        }
    }

  gtk_spinner_set_spinning (self->loading_spinner, g_strcmp0 (page, "loading") == 0);
  tocsin_ui_stack_show (self->content_stack, page);

  /* A failed refresh over a list still worth looking at: say so once. */
  if (error != self->shown_error)
    {
      self->shown_error = error;
      if (error != NULL && g_strcmp0 (page, "list") == 0)
        {
          g_autofree char *text = g_strdup_printf (_("Could not refresh the alerts: %s"), error->message);

          _tocsin_alerts_page_show_toast (self, text, TRUE);
        }
    }
}

static void
update_offline (TocsinAlertsPage *self)
{
  gboolean offline = self->monitor != NULL && tocsin_alert_monitor_get_offline (self->monitor);
  gboolean cached = self->monitor != NULL && tocsin_alert_monitor_get_cached (self->monitor);

  if (offline)
    {
      GDateTime *last = tocsin_alert_monitor_get_last_refresh (self->monitor);
      g_autofree char *text = NULL;

      if (last != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (last);
          g_autofree char *time =
            tocsin_date_format_time (local, FALSE, tocsin_date_get_clock_format ());

          text = g_strdup_printf (_("Offline — showing alerts from %s. Updates resume when the network is back."), time);
        }
      else
        text = g_strdup (_("Offline — alerts load when the network is back."));
      gtk_label_set_text (self->offline_label, text);
    }
  else if (cached)
    /* The rows came from the cache at start-up; the server has not answered yet. */
    gtk_label_set_text (self->offline_label,
                        _("Updating — showing the alerts from the last time Tocsin ran."));
  gtk_info_bar_set_revealed (self->offline_bar, offline || cached);
}

static void
update_truncated (TocsinAlertsPage *self)
{
  gboolean truncated = self->monitor != NULL && tocsin_alert_monitor_get_truncated (self->monitor);

  if (truncated)
    {
      g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, tocsin_alert_monitor_get_total (self->monitor));
      g_autofree char *text = NULL;

      /* Translators: the first %s is a number of alerts, more than %d (19999) */
      text = g_strdup_printf (_("%s alerts match, more than the %d that can be listed. "
                                "Narrow the search to see the rest."),
                              total, TOCSIN_OPS_MAX_WINDOW - 1);
      gtk_label_set_text (self->truncated_label, text);
    }
  gtk_info_bar_set_revealed (self->truncated_bar, truncated);
}

static AdwViewStackPage *
find_stack_page (TocsinAlertsPage *self)
{
  GtkWidget *child = GTK_WIDGET (self);
  GtkWidget *parent;

  for (parent = gtk_widget_get_parent (child); parent != NULL; parent = gtk_widget_get_parent (child))
    {
      if (ADW_IS_VIEW_STACK (parent))
        return adw_view_stack_get_page (ADW_VIEW_STACK (parent), child);
      child = parent;
    }

  return NULL;
}

static void
update_badge (TocsinAlertsPage *self)
{
  AdwViewStackPage *page = find_stack_page (self);
  guint count = tocsin_alerts_page_get_open_unacknowledged_count (self);

  if (page == NULL)
    return;

  adw_view_stack_page_set_badge_number (page, count);
  adw_view_stack_page_set_needs_attention (page, count > 0);
}

static void
sync_presets (TocsinAlertsPage *self)
{
  const struct {
    GtkToggleButton   *button;
    TocsinAlertPreset  preset;
  } presets[] = {
    { self->preset_open, TOCSIN_ALERT_PRESET_OPEN },
    { self->preset_unacknowledged, TOCSIN_ALERT_PRESET_UNACKNOWLEDGED },
    { self->preset_mine, TOCSIN_ALERT_PRESET_ASSIGNED_TO_ME },
    { self->preset_high, TOCSIN_ALERT_PRESET_HIGH_PRIORITY },
    { self->preset_all, TOCSIN_ALERT_PRESET_ALL },
  };
  const char *query = self->monitor != NULL ? tocsin_alert_monitor_get_query (self->monitor) : NULL;
  gboolean mine = self->monitor != NULL && tocsin_alert_monitor_get_owners (self->monitor) != NULL;
  gboolean has_me = self->account_id != NULL && *self->account_id != '\0';

  self->syncing_query = TRUE;

  if (query != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), query) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);

  gtk_widget_set_sensitive (GTK_WIDGET (self->preset_mine), has_me);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->preset_mine),
                               has_me ? NULL : _("Not available until the account is known"));

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autofree char *preset_query = NULL;
      gboolean active;

      if (presets[i].preset == TOCSIN_ALERT_PRESET_ASSIGNED_TO_ME && !has_me)
        active = FALSE;
      else
        {
          preset_query = tocsin_alert_preset_query (presets[i].preset);
          active = query != NULL && g_strcmp0 (query, preset_query) == 0 &&
                   mine == (presets[i].preset == TOCSIN_ALERT_PRESET_ASSIGNED_TO_ME);
        }
      gtk_toggle_button_set_active (presets[i].button, active);
    }

  self->syncing_query = FALSE;
}

static void
set_query (TocsinAlertsPage *self,
           const char       *query)
{
  if (self->monitor == NULL)
    return;
  tocsin_alert_monitor_set_query (self->monitor, query);
}

/* Callbacks */

/* What "Assigned to me" keeps: the owner field as the API fills it (the
 * display name), or the account id should a server put that there. */
static GStrv
my_owner_names (TocsinAlertsPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (self->account_id != NULL)
    g_strv_builder_add (builder, self->account_id);
  if (self->account_name != NULL)
    g_strv_builder_add (builder, self->account_name);
  return g_strv_builder_end (builder);
}

static void
set_owners (TocsinAlertsPage *self,
            gboolean          mine)
{
  g_auto(GStrv) owners = mine ? my_owner_names (self) : NULL;

  if (self->monitor != NULL)
    tocsin_alert_monitor_set_owners (self->monitor, (const char * const *) owners);
}

static void
on_search_changed_cb (TocsinAlertsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->syncing_query)
    return;
  /* "search-changed" comes late, also for the text a preset put there. */
  if (self->monitor != NULL && g_strcmp0 (text, tocsin_alert_monitor_get_query (self->monitor)) == 0)
    return;
  /* A typed search is a new search: no owner filter left over. */
  set_owners (self, FALSE);
  set_query (self, text);
}

static void
on_preset_toggled_cb (GtkToggleButton  *button,
                      TocsinAlertsPage *self)
{
  TocsinAlertPreset preset = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "tocsin-preset"));
  g_autofree char *query = NULL;

  if (self->syncing_query || !gtk_toggle_button_get_active (button))
    return;

  query = tocsin_alert_preset_query (preset);
  set_owners (self, preset == TOCSIN_ALERT_PRESET_ASSIGNED_TO_ME);
  set_query (self, query);
  sync_presets (self);
}

static void
on_column_view_activate_cb (TocsinAlertsPage *self,
                            guint             position)
{
  /* Stacked on a narrow window: activating a row opens its details. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "details");
}

static void
on_leaflet_folded_cb (TocsinAlertsPage *self)
{
  gtk_widget_set_visible (self->back_box, adw_leaflet_get_folded (self->leaflet));
}

static void
on_monitor_state_cb (TocsinAlertsPage *self)
{
  update_state (self);
  update_offline (self);
  update_truncated (self);
}

static void
on_monitor_count_cb (TocsinAlertsPage *self)
{
  update_badge (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OPEN_UNACKNOWLEDGED_COUNT]);
}

static void
on_items_changed_cb (TocsinAlertsPage *self)
{
  update_selection (self);
  update_state (self);
}

/* GtkWidget overrides */

static void
tocsin_alerts_page_root (GtkWidget *widget)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (widget);

  /* Before the list is rooted, which makes the row widgets. */
  _tocsin_alerts_page_size_first_rows (self);
  GTK_WIDGET_CLASS (tocsin_alerts_page_parent_class)->root (widget);
  update_badge (self);
}

static void
tocsin_alerts_page_map (GtkWidget *widget)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (widget);

  GTK_WIDGET_CLASS (tocsin_alerts_page_parent_class)->map (widget);
  update_badge (self);
}

/* GObject overrides */

/* With a context, the page shows its alert monitor for its signed-in account. */
static void
tocsin_alerts_page_constructed (GObject *object)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (object);
  TocsinAuthSession *session;

  G_OBJECT_CLASS (tocsin_alerts_page_parent_class)->constructed (object);

  if (self->context == NULL)
    return;

  session = tocsin_context_get_auth_session (self->context);
  g_object_bind_property (self->context, "alert-monitor", self, "monitor", G_BINDING_SYNC_CREATE);
  g_object_bind_property (session, "account-id", self, "account-id", G_BINDING_SYNC_CREATE);
  g_object_bind_property (session, "account-name", self, "account-name", G_BINDING_SYNC_CREATE);
}

static void
tocsin_alerts_page_dispose (GObject *object)
{
  TocsinAlertsPage *self = (TocsinAlertsPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->sort_model != NULL)
    gtk_sort_list_model_set_model (self->sort_model, NULL);
  g_clear_object (&self->monitor);
  g_clear_object (&self->context);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);

  /* AdwBin unparents its child itself; let it do so before the template
   * pointers are cleared. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOCSIN_TYPE_ALERTS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->sort_model);

  G_OBJECT_CLASS (tocsin_alerts_page_parent_class)->dispose (object);
}

static void
tocsin_alerts_page_finalize (GObject *object)
{
  TocsinAlertsPage *self = (TocsinAlertsPage *)object;

  g_clear_object (&self->cancellable);
  g_free (self->account_id);
  g_free (self->account_name);

  G_OBJECT_CLASS (tocsin_alerts_page_parent_class)->finalize (object);
}

static void
tocsin_alerts_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_ACCOUNT_NAME:
      g_value_set_string (value, self->account_name);
      break;
    case PROP_OPEN_UNACKNOWLEDGED_COUNT:
      g_value_set_uint (value, tocsin_alerts_page_get_open_unacknowledged_count (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alerts_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_MONITOR:
      tocsin_alerts_page_set_monitor (self, g_value_get_object (value));
      break;
    case PROP_ACCOUNT_ID:
      tocsin_alerts_page_set_account_id (self, g_value_get_string (value));
      break;
    case PROP_ACCOUNT_NAME:
      tocsin_alerts_page_set_account_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alerts_page_class_init (TocsinAlertsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tocsin_alerts_page_constructed;
  object_class->dispose = tocsin_alerts_page_dispose;
  object_class->finalize = tocsin_alerts_page_finalize;
  object_class->get_property = tocsin_alerts_page_get_property;
  object_class->set_property = tocsin_alerts_page_set_property;

  widget_class->root = tocsin_alerts_page_root;
  widget_class->map = tocsin_alerts_page_map;

  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TOCSIN_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, TOCSIN_TYPE_ALERT_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ACCOUNT_NAME] =
    g_param_spec_string ("account-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_OPEN_UNACKNOWLEDGED_COUNT] =
    g_param_spec_uint ("open-unacknowledged-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/tocsin-alerts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, preset_open);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, preset_unacknowledged);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, preset_mine);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, preset_high);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, preset_all);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, offline_bar);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, truncated_bar);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, truncated_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, priority_column);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, tiny_id_column);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, message_column);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, owner_column);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, count_column);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, tags_column);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, created_column);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, updated_column);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, back_box);
  gtk_widget_class_bind_template_child_full (widget_class, "details", FALSE,
                                             G_STRUCT_OFFSET (TocsinAlertsPage, details_bin));
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, alert_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);

  _tocsin_alerts_page_class_actions_init (widget_class);
  /* The template's sorters look up its properties. */
  g_type_ensure (TOCSIN_TYPE_ALERT);
}

static void
tocsin_alerts_page_init (TocsinAlertsPage *self)
{
  GtkToggleButton *buttons[5];
  const TocsinAlertPreset presets[] = {
    TOCSIN_ALERT_PRESET_OPEN, TOCSIN_ALERT_PRESET_UNACKNOWLEDGED, TOCSIN_ALERT_PRESET_ASSIGNED_TO_ME,
    TOCSIN_ALERT_PRESET_HIGH_PRIORITY, TOCSIN_ALERT_PRESET_ALL,
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  buttons[0] = self->preset_open;
  buttons[1] = self->preset_unacknowledged;
  buttons[2] = self->preset_mine;
  buttons[3] = self->preset_high;
  buttons[4] = self->preset_all;
  self->cancellable = g_cancellable_new ();

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_object_set_data (G_OBJECT (buttons[i]), "tocsin-preset", GINT_TO_POINTER (presets[i]));
      g_signal_connect (buttons[i], "toggled", G_CALLBACK (on_preset_toggled_cb), self);
    }

  _tocsin_alerts_page_init_columns (self);
  self->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  _tocsin_alerts_page_init_rows (self);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (update_selection), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  update_selection (self);
  update_state (self);
  sync_presets (self);
}

/* Public API */

TocsinAlertMonitor *
tocsin_alerts_page_get_monitor (TocsinAlertsPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERTS_PAGE (self), NULL);
  return self->monitor;
}

void
tocsin_alerts_page_set_monitor (TocsinAlertsPage   *self,
                                TocsinAlertMonitor *monitor)
{
  g_return_if_fail (TOCSIN_IS_ALERTS_PAGE (self));
  g_return_if_fail (monitor == NULL || TOCSIN_IS_ALERT_MONITOR (monitor));

  if (self->monitor == monitor)
    return;

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_set_object (&self->monitor, monitor);
  self->shown_error = NULL;

  if (monitor != NULL)
    {
      const char * const state_props [] = { "notify::loading", "notify::error",
                                            "notify::offline", "notify::truncated",
                                            "notify::total",   "notify::last-refresh",
                                            "notify::cached" };

      for (guint i = 0; i < G_N_ELEMENTS (state_props); i++)
        g_signal_connect_object (monitor, state_props[i], G_CALLBACK (on_monitor_state_cb), self,
                                 G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "notify::query", G_CALLBACK (sync_presets), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "notify::owners", G_CALLBACK (sync_presets), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "notify::open-unacknowledged-count", G_CALLBACK (on_monitor_count_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_sort_list_model_set_model (self->sort_model,
                                     G_LIST_MODEL (tocsin_alert_monitor_get_model (monitor)));
      /* Shown means wanted: keep it polling. */
      tocsin_alert_monitor_set_active (monitor, TRUE);
    }
  else
    gtk_sort_list_model_set_model (self->sort_model, NULL);
  if (self->details != NULL)
    tocsin_alert_details_set_service (self->details, monitor_service (self));

  sync_presets (self);
  on_monitor_state_cb (self);
  on_monitor_count_cb (self);
  update_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MONITOR]);
}

const char *
tocsin_alerts_page_get_account_id (TocsinAlertsPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERTS_PAGE (self), NULL);
  return self->account_id;
}

void
tocsin_alerts_page_set_account_id (TocsinAlertsPage *self,
                                   const char       *account_id)
{
  g_return_if_fail (TOCSIN_IS_ALERTS_PAGE (self));

  if (g_strcmp0 (self->account_id, account_id) == 0)
    return;
  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  /* "Assigned to me" follows the account. */
  if (self->monitor != NULL && tocsin_alert_monitor_get_owners (self->monitor) != NULL)
    set_owners (self, self->account_id != NULL && *self->account_id != '\0');
  sync_presets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACCOUNT_ID]);
}

const char *
tocsin_alerts_page_get_account_name (TocsinAlertsPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERTS_PAGE (self), NULL);
  return self->account_name;
}

void
tocsin_alerts_page_set_account_name (TocsinAlertsPage *self,
                                     const char       *account_name)
{
  g_return_if_fail (TOCSIN_IS_ALERTS_PAGE (self));

  if (g_strcmp0 (self->account_name, account_name) == 0)
    return;
  g_free (self->account_name);
  self->account_name = g_strdup (account_name);
  if (self->monitor != NULL && tocsin_alert_monitor_get_owners (self->monitor) != NULL)
    set_owners (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACCOUNT_NAME]);
}

guint
tocsin_alerts_page_get_open_unacknowledged_count (TocsinAlertsPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERTS_PAGE (self), 0);
  return self->monitor != NULL ? tocsin_alert_monitor_get_open_unacknowledged_count (self->monitor) : 0;
}

/**
 * tocsin_alerts_page_select_alert:
 *
 * Selects the alert with @alert_id, as when the user opens it from a
 * notification, and shows its details. Returns %FALSE when the current list
 * does not hold it (another query, or closed meanwhile).
 */
gboolean
tocsin_alerts_page_select_alert (TocsinAlertsPage *self,
                                 const char       *alert_id)
{
  GListModel *model;
  guint n_items;

  g_return_val_if_fail (TOCSIN_IS_ALERTS_PAGE (self), FALSE);
  g_return_val_if_fail (alert_id != NULL, FALSE);

  _tocsin_alerts_page_show_all_rows (self);
  model = G_LIST_MODEL (self->selection);
  n_items = g_list_model_get_n_items (model);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TocsinAlert) alert = g_list_model_get_item (model, i);

      if (g_strcmp0 (tocsin_alert_get_id (alert), alert_id) != 0)
        continue;

      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
      on_column_view_activate_cb (self, i);
      return TRUE;
    }

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("That alert is not in the current list.")));
  return FALSE;
}
