/**
 * App Insights standard web tests against the global entry's health path, from the test locations the cloud
 * profile lists (`cloud.availabilityTestLocations()`). A cloud without locations gets no tests: the caller
 * skips this construct, and the `availabilityTests` feature decision already warns at synth.
 */
import { Construct } from 'constructs';
import { ApplicationInsightsStandardWebTest } from '@cdktf/provider-azurerm/lib/application-insights-standard-web-test';

export interface AvailabilityTestsProps {
  readonly resourceGroupName: string;
  /** Region of the test resource (its App Insights component's). */
  readonly location: string;
  readonly applicationInsightsId: string;
  /** Host name of the global entry (Front Door endpoint or custom domain, Traffic Manager FQDN). */
  readonly hostName: string;
  /** Health path, starting with "/". */
  readonly path: string;
  /** Test location ids valid in the cloud; must not be empty. */
  readonly locations: readonly string[];
  readonly name: string;
  /**
   * Seconds between runs from each location.
   * @default 300
   */
  readonly frequencySeconds?: 300 | 600 | 900;
  /** false: the test exists but does not run (nothing serves behind the entry yet). @default true */
  readonly enabled?: boolean;
}

export function healthUrl(hostName: string, path: string): string {
  return `https://${hostName}${path}`;
}

export class AvailabilityTests extends Construct {
  readonly test: ApplicationInsightsStandardWebTest;

  constructor(scope: Construct, id: string, props: AvailabilityTestsProps) {
    super(scope, id);
    if (props.locations.length === 0) {
      throw new Error(
        'AvailabilityTests needs at least one test location (skip it where the cloud has none)',
      );
    }
    this.test = new ApplicationInsightsStandardWebTest(this, 'global-health', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      applicationInsightsId: props.applicationInsightsId,
      description: `GET ${healthUrl(props.hostName, props.path)} must answer 200 with a valid certificate.`,
      geoLocations: [...props.locations],
      frequency: props.frequencySeconds ?? 300,
      timeout: 30,
      retryEnabled: true,
      enabled: props.enabled ?? true,
      request: { url: healthUrl(props.hostName, props.path), httpVerb: 'GET', followRedirectsEnabled: false },
      validationRules: { expectedStatusCode: 200, sslCheckEnabled: true, sslCertRemainingLifetime: 7 },
    });
  }
}
