/**
 * Who hears about an alert, per environment. Two action groups: `page` (e-mail plus the incident system's
 * webhook, common alert schema) and `notify` (e-mail only). Which severities page is a property of the tier,
 * not of the alert, so the same alert table serves every environment:
 *
 * | tier    | Sev0-1            | Sev2-4 |
 * |---------|-------------------|--------|
 * | prod    | page (webhook + e-mail) | notify (e-mail) |
 * | staging | notify            | notify |
 * | dev     | notify            | notify |
 *
 * Non-prod never opens incidents; a prod environment without `webhookUrl` pages by e-mail only.
 */
import { Construct } from 'constructs';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import type { Severity } from '../model/alert-catalog';

export type Tier = 'dev' | 'staging' | 'prod';
export type Route = 'page' | 'notify';

/** Highest severity number that pages, per tier (-1: nothing pages). */
export const PAGE_AT_OR_BELOW: Readonly<Record<Tier, number>> = { prod: 1, staging: -1, dev: -1 };

export function routeFor(tier: Tier, severity: Severity): Route {
  return severity <= PAGE_AT_OR_BELOW[tier] ? 'page' : 'notify';
}

/** Action group ids by route, plus the tier that decides the route of each severity. */
export interface AlertRouting {
  readonly tier: Tier;
  /** The page group, where the tier pages at all. @default none: the tier only notifies */
  readonly page?: string;
  readonly notify: string;
}

export function actionGroupFor(routing: AlertRouting, severity: Severity): string {
  return routeFor(routing.tier, severity) === 'page' && routing.page ? routing.page : routing.notify;
}

export interface ActionGroupName {
  readonly name: string;
  /** Up to 12 characters, shown in e-mails and SMS. */
  readonly shortName: string;
}

export interface ActionGroupsProps {
  readonly resourceGroupName: string;
  readonly tier: Tier;
  /** E-mail receivers of both groups. */
  readonly contacts: readonly string[];
  /** The incident system's webhook; only the page group calls it. @default none: e-mail only */
  readonly webhookUrl?: string;
  readonly names: { readonly page: ActionGroupName; readonly notify: ActionGroupName };
}

export class ActionGroups extends Construct {
  readonly notify: MonitorActionGroup;
  readonly page?: MonitorActionGroup;
  readonly routing: AlertRouting;

  constructor(scope: Construct, id: string, props: ActionGroupsProps) {
    super(scope, id);
    const email = props.contacts.map((address, i) => ({
      name: `email-${i + 1}`,
      emailAddress: address,
      useCommonAlertSchema: true,
    }));
    this.notify = new MonitorActionGroup(this, 'notify', {
      name: props.names.notify.name,
      shortName: props.names.notify.shortName,
      resourceGroupName: props.resourceGroupName,
      location: 'global',
      emailReceiver: email,
    });
    if (PAGE_AT_OR_BELOW[props.tier] >= 0) {
      this.page = new MonitorActionGroup(this, 'page', {
        name: props.names.page.name,
        shortName: props.names.page.shortName,
        resourceGroupName: props.resourceGroupName,
        location: 'global',
        emailReceiver: email,
        ...(props.webhookUrl
          ? {
              webhookReceiver: [
                { name: 'incident-system', serviceUri: props.webhookUrl, useCommonAlertSchema: true },
              ],
            }
          : {}),
      });
    }
    this.routing = {
      tier: props.tier,
      notify: this.notify.id,
      ...(this.page ? { page: this.page.id } : {}),
    };
  }
}
