import { componentsOf } from './components';
import { hash32, hashText, unitHash } from './hash';
import { LruCache } from './lru-cache';
import type { DemoDayProfile, DemoOrganization, UsageEndpointName } from './organization';
import { dayOf, MINUTES_PER_DAY, SECONDS_PER_MINUTE } from './time';

/** Relative traffic per UTC hour for each day profile. */
const HOUR_PROFILES: Readonly<Record<DemoDayProfile, readonly number[]>> = {
  office: [3, 2, 2, 2, 2, 3, 5, 8, 11, 13, 14, 14, 15, 16, 17, 17, 16, 14, 11, 9, 7, 6, 5, 4],
  flat: [9, 9, 9, 9, 9, 9, 10, 10, 10, 11, 11, 11, 11, 11, 11, 11, 11, 10, 10, 10, 10, 9, 9, 9],
  batch: [15, 16, 16, 15, 13, 10, 7, 5, 4, 4, 4, 4, 4, 4, 4, 4, 5, 6, 7, 8, 10, 12, 14, 15],
};

/** Traffic on Saturdays and Sundays relative to weekdays, per profile. */
const WEEKEND_FACTORS: Readonly<Record<DemoDayProfile, number>> = {
  office: 0.32,
  flat: 0.85,
  batch: 1,
};

const PROFILE_CODES: readonly DemoDayProfile[] = ['office', 'flat', 'batch'];

const HOURS_PER_DAY = 24;
const MINUTES_PER_HOUR = 60;

/**
 * Splits an integer total into parts proportional to integer weights, exactly: each part is the
 * difference of consecutive floors of the cumulative share, so the parts always sum to the total.
 */
function splitExactly(
  total: number,
  weights: ArrayLike<number>,
  weightSum: number,
  out: Float64Array,
  outOffset: number,
  stride: number,
): void {
  const count = weights.length;
  if (total === 0 || weightSum === 0) {
    for (let index = 0; index < count; index++) out[outOffset + index * stride] = 0;
    return;
  }
  let cumulative = 0;
  let previous = 0;
  for (let index = 0; index < count; index++) {
    cumulative += weights[index] as number;
    const next = index === count - 1 ? total : Math.floor((total * cumulative) / weightSum);
    out[outOffset + index * stride] = next - previous;
    previous = next;
  }
}

/**
 * The usage of one endpoint as a function of time: every workload of the organization on that
 * endpoint is one series with a value per minute and component. Minutes are never stored for the
 * whole history: a day's total has a closed form, hours are an exact split of the day, minutes an
 * exact split of the hour, so every coarser view equals the sum of the finer one by construction.
 * Days, hours and minutes are computed lazily and cached.
 */
export class SeriesEngine {
  /** The endpoint. */
  readonly endpoint: UsageEndpointName;
  /** Generated counters, driver first. */
  readonly components: readonly string[];
  /** Component indices each registry metric sums. */
  readonly metricComponents: readonly (readonly number[])[];
  /** Whether values are levels (stored bytes) rather than sums. */
  readonly level: boolean;
  /** Number of series. */
  readonly seriesCount: number;
  /** Number of components per series. */
  readonly componentCount: number;
  /** Dimension values per series, by dimension name. */
  readonly dimensions: ReadonlyMap<string, readonly (string | boolean | null)[]>;
  /** First minute with usage. @unit Unix minutes */
  readonly startMinute: number;
  /** First minute without usage (the clock). @unit Unix minutes */
  readonly nowMinute: number;

  readonly #seed: number;
  readonly #startDay: number;
  readonly #baseRate: Float64Array;
  readonly #growth: Float64Array;
  readonly #firstDay: Float64Array;
  readonly #endDay: Float64Array;
  readonly #profile: Uint8Array;
  readonly #perRequest: Float64Array;
  readonly #incidents: readonly { first: number; end: number; factor: number }[][];
  readonly #days = new Map<number, Float64Array>();
  readonly #hours = new LruCache<number, Float64Array>(96);
  readonly #minutes = new LruCache<number, Float64Array>(48);

  constructor(organization: DemoOrganization, endpoint: UsageEndpointName) {
    this.endpoint = endpoint;
    const { components, metricComponents, level } = componentsOf(endpoint);
    this.components = components;
    this.metricComponents = metricComponents;
    this.level = level;
    const workloads = organization.workloads.filter((workload) => workload.endpoint === endpoint);
    const seriesCount = workloads.length;
    const componentCount = components.length;
    this.seriesCount = seriesCount;
    this.componentCount = componentCount;
    this.#seed = hashText(organization.seed, endpoint);
    this.#startDay = dayOf(organization.start);
    this.startMinute = organization.start / SECONDS_PER_MINUTE;
    this.nowMinute = Math.floor(organization.now / SECONDS_PER_MINUTE);
    this.#baseRate = new Float64Array(seriesCount);
    this.#growth = new Float64Array(seriesCount);
    this.#firstDay = new Float64Array(seriesCount);
    this.#endDay = new Float64Array(seriesCount);
    this.#profile = new Uint8Array(seriesCount);
    this.#perRequest = new Float64Array(seriesCount * componentCount);
    const dimensions = new Map<string, (string | boolean | null)[]>();
    const incidents: { first: number; end: number; factor: number }[][] = [];
    workloads.forEach((workload, series) => {
      this.#baseRate[series] = workload.baseRate;
      this.#growth[series] = workload.growthPerDay;
      this.#firstDay[series] = workload.firstDay;
      this.#endDay[series] = workload.endDay;
      this.#profile[series] = PROFILE_CODES.indexOf(workload.profile);
      for (let component = 1; component < componentCount; component++) {
        const name = components[component] as string;
        this.#perRequest[series * componentCount + component] = Object.hasOwn(
          workload.perRequest,
          name,
        )
          ? (workload.perRequest[name] as number)
          : 0;
      }
      for (const [name, value] of Object.entries(workload.dimensions)) {
        let column = dimensions.get(name);
        if (!column) {
          column = [];
          dimensions.set(name, column);
        }
        column[series] = value;
      }
      incidents.push(
        organization.incidents
          .filter((incident) => incident.projectId === workload.dimensions.project_id)
          .map((incident) => ({
            first: incident.firstDay,
            end: incident.firstDay + incident.days,
            factor: incident.factor,
          })),
      );
    });
    this.dimensions = dimensions;
    this.#incidents = incidents;
  }

  /**
   * A `[series × component]` array holding 60 for every component a series ever reports and 0 for
   * the rest: a probe to check that everything reported can be priced.
   *
   * @returns The probe.
   */
  probe(): Float64Array {
    const probe = new Float64Array(this.seriesCount * this.componentCount);
    for (let index = 0; index < probe.length; index++) {
      const isDriver = index % this.componentCount === 0;
      probe[index] = isDriver || (this.#perRequest[index] as number) > 0 ? 60 : 0;
    }
    return probe;
  }

  /**
   * The first day a series can have usage: its workload's first day, or the history start.
   *
   * @param series The series.
   *
   * @returns The Unix day.
   */
  firstActiveDay(series: number): number {
    return Math.max(this.#startDay, this.#firstDay[series] as number);
  }

  #dayFactor(series: number, day: number): number {
    const profile = PROFILE_CODES[this.#profile[series] as number] as DemoDayProfile;
    const weekday = (day + 4) % 7;
    let factor = Math.exp((this.#growth[series] as number) * (day - this.#startDay));
    if (weekday === 0 || weekday === 6) factor *= WEEKEND_FACTORS[profile];
    for (const incident of this.#incidents[series] as {
      first: number;
      end: number;
      factor: number;
    }[]) {
      if (day >= incident.first && day < incident.end) factor *= incident.factor;
    }
    return factor;
  }

  #active(series: number, day: number): boolean {
    return (
      day >= this.#startDay &&
      day >= (this.#firstDay[series] as number) &&
      day < (this.#endDay[series] as number)
    );
  }

  /**
   * The closed-form total of a whole day for every series and component, ignoring the clock
   * (the day of `now` is split further and cut at `now` by {@link accumulate}).
   *
   * @param day The Unix day.
   *
   * @returns `[series × component]` totals; do not modify.
   */
  fullDay(day: number): Float64Array {
    const cached = this.#days.get(day);
    if (cached) return cached;
    const count = this.componentCount;
    const totals = new Float64Array(this.seriesCount * count);
    if (!this.level) {
      for (let series = 0; series < this.seriesCount; series++) {
        if (!this.#active(series, day)) continue;
        const noise = 0.85 + 0.3 * unitHash(this.#seed, series + 1, day, 0);
        const requests = Math.round(
          (this.#baseRate[series] as number) * this.#dayFactor(series, day) * noise,
        );
        const row = series * count;
        totals[row] = requests;
        if (requests === 0) continue;
        for (let component = 1; component < count; component++) {
          const mean = this.#perRequest[row + component] as number;
          if (mean === 0) continue;
          const spread = 0.9 + 0.2 * unitHash(this.#seed, series + 1, day, component);
          totals[row + component] = Math.round(requests * mean * spread);
        }
      }
    }
    this.#days.set(day, totals);
    return totals;
  }

  /**
   * Hourly totals of a whole day: an exact split of {@link fullDay}. Requests follow the day
   * profile with noise; every other component follows the requests.
   *
   * @param day The Unix day.
   *
   * @returns `[series × hour × component]` totals; do not modify.
   */
  hours(day: number): Float64Array {
    const cached = this.#hours.get(day);
    if (cached) return cached;
    const count = this.componentCount;
    const daily = this.fullDay(day);
    const hourly = new Float64Array(this.seriesCount * HOURS_PER_DAY * count);
    const weights = new Float64Array(HOURS_PER_DAY);
    const requestWeights = new Float64Array(HOURS_PER_DAY);
    for (let series = 0; series < this.seriesCount; series++) {
      const row = series * count;
      const requests = daily[row] as number;
      if (requests === 0) continue;
      const profile =
        HOUR_PROFILES[PROFILE_CODES[this.#profile[series] as number] as DemoDayProfile];
      let weightSum = 0;
      for (let hour = 0; hour < HOURS_PER_DAY; hour++) {
        const weight =
          (profile[hour] as number) * (700 + (hash32(this.#seed, series + 1, day, hour + 1) % 600));
        weights[hour] = weight;
        weightSum += weight;
      }
      const base = series * HOURS_PER_DAY * count;
      splitExactly(requests, weights, weightSum, hourly, base, count);
      for (let hour = 0; hour < HOURS_PER_DAY; hour++) {
        requestWeights[hour] = hourly[base + hour * count] as number;
      }
      for (let component = 1; component < count; component++) {
        splitExactly(
          daily[row + component] as number,
          requestWeights,
          requests,
          hourly,
          base + component,
          count,
        );
      }
    }
    this.#hours.set(day, hourly);
    return hourly;
  }

  /**
   * Minute values of one hour: an exact split of that hour in {@link hours}.
   *
   * @param day The Unix day.
   * @param hour The hour of the day, 0 to 23.
   *
   * @returns `[series × minute × component]` values; do not modify.
   */
  minutes(day: number, hour: number): Float64Array {
    const key = day * HOURS_PER_DAY + hour;
    const cached = this.#minutes.get(key);
    if (cached) return cached;
    const count = this.componentCount;
    const hourly = this.hours(day);
    const values = new Float64Array(this.seriesCount * MINUTES_PER_HOUR * count);
    const weights = new Float64Array(MINUTES_PER_HOUR);
    const requestWeights = new Float64Array(MINUTES_PER_HOUR);
    for (let series = 0; series < this.seriesCount; series++) {
      const source = (series * HOURS_PER_DAY + hour) * count;
      const requests = hourly[source] as number;
      if (requests === 0) continue;
      let weightSum = 0;
      for (let minute = 0; minute < MINUTES_PER_HOUR; minute++) {
        const weight = 1 + (hash32(this.#seed, series + 1, key, minute + 100) % 1000);
        weights[minute] = weight;
        weightSum += weight;
      }
      const base = series * MINUTES_PER_HOUR * count;
      splitExactly(requests, weights, weightSum, values, base, count);
      for (let minute = 0; minute < MINUTES_PER_HOUR; minute++) {
        requestWeights[minute] = values[base + minute * count] as number;
      }
      for (let component = 1; component < count; component++) {
        splitExactly(
          hourly[source + component] as number,
          requestWeights,
          requests,
          values,
          base + component,
          count,
        );
      }
    }
    this.#minutes.set(key, values);
    return values;
  }

  /**
   * Adds the usage of the minutes `[fromMinute, toMinute)` to `out`, for every series and
   * component. Minutes before the history start or from `now` on have no usage. Whole days come
   * from {@link fullDay}, whole hours from {@link hours}, the rest from {@link minutes}.
   *
   * @param fromMinute First minute. @unit Unix minutes
   * @param toMinute End minute, exclusive. @unit Unix minutes
   * @param out `[series × component]` sums to add to.
   */
  accumulate(fromMinute: number, toMinute: number, out: Float64Array): void {
    const count = this.componentCount;
    const size = this.seriesCount * count;
    let minute = Math.max(fromMinute, this.startMinute);
    const end = Math.min(toMinute, this.nowMinute);
    while (minute < end) {
      const day = Math.floor(minute / MINUTES_PER_DAY);
      const dayStart = day * MINUTES_PER_DAY;
      if (minute === dayStart && dayStart + MINUTES_PER_DAY <= end) {
        const daily = this.fullDay(day);
        for (let index = 0; index < size; index++)
          out[index] = (out[index] as number) + (daily[index] as number);
        minute += MINUTES_PER_DAY;
        continue;
      }
      const hour = Math.floor((minute - dayStart) / MINUTES_PER_HOUR);
      const hourStart = dayStart + hour * MINUTES_PER_HOUR;
      const hourEnd = hourStart + MINUTES_PER_HOUR;
      if (minute === hourStart && hourEnd <= end) {
        const hourly = this.hours(day);
        for (let series = 0; series < this.seriesCount; series++) {
          const source = (series * HOURS_PER_DAY + hour) * count;
          const target = series * count;
          for (let component = 0; component < count; component++) {
            out[target + component] =
              (out[target + component] as number) + (hourly[source + component] as number);
          }
        }
        minute = hourEnd;
        continue;
      }
      const stop = Math.min(end, hourEnd);
      const values = this.minutes(day, hour);
      for (let series = 0; series < this.seriesCount; series++) {
        const target = series * count;
        for (let at = minute; at < stop; at++) {
          const source = (series * MINUTES_PER_HOUR + (at - hourStart)) * count;
          for (let component = 0; component < count; component++) {
            out[target + component] =
              (out[target + component] as number) + (values[source + component] as number);
          }
        }
      }
      minute = stop;
    }
  }

  #dayLevel(series: number, day: number): number {
    if (!this.#active(series, day)) return 0;
    const growth = Math.exp((this.#growth[series] as number) * 1.4 * (day - this.#startDay));
    const noise = 0.97 + 0.06 * unitHash(this.#seed, series + 1, day, 0);
    return Math.round((this.#baseRate[series] as number) * growth * noise);
  }

  /**
   * Writes each series' level (stored bytes) at one minute into `out`, for level endpoints. The
   * level moves once an hour, between one day's level and the next; it is 0 before the history
   * and from `now` on.
   *
   * @param minute The minute. @unit Unix minutes
   * @param out `[series]` levels to overwrite.
   */
  levelAt(minute: number, out: Float64Array): void {
    const day = Math.floor(minute / MINUTES_PER_DAY);
    const hour = Math.floor((minute - day * MINUTES_PER_DAY) / MINUTES_PER_HOUR);
    const inRange = minute >= this.startMinute && minute < this.nowMinute;
    for (let series = 0; series < this.seriesCount; series++) {
      out[series] = inRange ? this.#hourLevel(series, day, hour) : 0;
    }
  }

  #hourLevel(series: number, day: number, hour: number): number {
    const today = this.#dayLevel(series, day);
    if (today === 0) return 0;
    const tomorrow = this.#active(series, day + 1) ? this.#dayLevel(series, day + 1) : today;
    return today + Math.floor(((tomorrow - today) * hour) / HOURS_PER_DAY);
  }

  /**
   * Adds each series' byte-time over `[fromSecond, toSecond)` to `out`, for level endpoints: the
   * integral of the level over time, Σ level × seconds held. Time before the history and from the
   * first minute of `now` on holds nothing. Divided by the range's length it is the time-weighted
   * average level, so any split of a range into buckets adds up to the same byte-time.
   *
   * @param fromSecond Start, inclusive. @unit Unix seconds
   * @param toSecond End, exclusive. @unit Unix seconds
   * @param out `[series]` byte-times to add to. @unit byte-seconds
   */
  accumulateByteSeconds(fromSecond: number, toSecond: number, out: Float64Array): void {
    const secondsPerHour = MINUTES_PER_HOUR * SECONDS_PER_MINUTE;
    let at = Math.max(fromSecond, this.startMinute * SECONDS_PER_MINUTE);
    const end = Math.min(toSecond, this.nowMinute * SECONDS_PER_MINUTE);
    while (at < end) {
      const hourIndex = Math.floor(at / secondsPerHour);
      const stop = Math.min(end, (hourIndex + 1) * secondsPerHour);
      const day = Math.floor(hourIndex / HOURS_PER_DAY);
      const hour = hourIndex - day * HOURS_PER_DAY;
      for (let series = 0; series < this.seriesCount; series++) {
        out[series] = (out[series] as number) + this.#hourLevel(series, day, hour) * (stop - at);
      }
      at = stop;
    }
  }

  /**
   * Writes each series' time-weighted average level over `[fromSecond, toSecond)` into `out`:
   * its byte-time ({@link accumulateByteSeconds}) divided by the range's length, rounded to a
   * whole byte per series, so the averages of several series add up exactly in any grouping.
   *
   * @param fromSecond Start, inclusive. @unit Unix seconds
   * @param toSecond End, exclusive; after `fromSecond`. @unit Unix seconds
   * @param out `[series]` averages to overwrite. @unit bytes
   */
  averageLevels(fromSecond: number, toSecond: number, out: Float64Array): void {
    out.fill(0, 0, this.seriesCount);
    if (toSecond <= fromSecond) return;
    this.accumulateByteSeconds(fromSecond, toSecond, out);
    for (let series = 0; series < this.seriesCount; series++) {
      out[series] = Math.round((out[series] as number) / (toSecond - fromSecond));
    }
  }
}
