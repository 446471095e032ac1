// Small building blocks for forms and pages, after the GOV.UK / GOV.CO patterns.
import type { Child } from "hono/jsx";
import type { FormErrors, FormValues } from "../forms.ts";

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** Errors summarised at the top, each linking to its field. */
export function ErrorSummary({ errors, labels }: { errors: FormErrors; labels?: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">Revise lo siguiente</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            {field === "_form" ? (
              message
            ) : (
              <a href={`#${field}`}>{labels?.[field] ? `${labels[field]}: ${message}` : message}</a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  type?: string;
  values?: FormValues;
  errors?: FormErrors;
  autocomplete?: string;
  inputmode?: "numeric" | "text" | "email" | "tel";
  required?: boolean;
  width?: "short" | "medium" | "full";
}

export function Field(props: FieldProps) {
  const error = props.errors?.[props.name];
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  const errorId = error ? `${props.name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div class={error ? "field field--error" : "field"}>
      <label for={props.name}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={errorId}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <input
        class={`input input--${props.width ?? "full"}`}
        id={props.name}
        name={props.name}
        type={props.type ?? "text"}
        value={props.type === "password" ? undefined : (props.values?.[props.name] ?? "")}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        required={props.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

interface SelectProps {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  values?: FormValues;
  errors?: FormErrors;
  hint?: string;
  emptyLabel?: string;
}

export function Select(props: SelectProps) {
  const error = props.errors?.[props.name];
  const selected = props.values?.[props.name] ?? "";
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  const errorId = error ? `${props.name}-error` : undefined;
  return (
    <div class={error ? "field field--error" : "field"}>
      <label for={props.name}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={errorId}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <select
        class="select"
        id={props.name}
        name={props.name}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      >
        {props.emptyLabel !== undefined && <option value="">{props.emptyLabel}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === selected}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Button({ children, variant }: { children: Child; variant?: "secondary" | "warning" }) {
  return (
    <button type="submit" class={variant ? `button button--${variant}` : "button"}>
      {children}
    </button>
  );
}

export function Notice({ children, kind }: { children: Child; kind?: "success" | "important" }) {
  return (
    <div class={`notice notice--${kind ?? "important"}`} role={kind === "success" ? "status" : undefined}>
      {children}
    </div>
  );
}

export function BackLink({ href, children }: { href: string; children: Child }) {
  return (
    <a class="back-link" href={href}>
      {children}
    </a>
  );
}
