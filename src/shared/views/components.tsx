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

/** Label, hint and error of one form control, and the ids that tie them to it. */
/** A form field's label, hint and error around any control, tied to it by `id` for screen readers. */
export function FieldFrame(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  control: (aria: object) => Child;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const aria = {
    "aria-invalid": props.error ? "true" : undefined,
    "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
  };
  return (
    <div class={props.error ? "field field--error" : "field"}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={errorId}>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      )}
      {props.control(aria)}
    </div>
  );
}

export function Field(props: FieldProps) {
  return (
    <FieldFrame
      id={props.name}
      label={props.label}
      hint={props.hint}
      error={props.errors?.[props.name]}
      control={(aria) => (
        <input
          class={`input input--${props.width ?? "full"}`}
          id={props.name}
          name={props.name}
          type={props.type ?? "text"}
          value={props.type === "password" ? undefined : (props.values?.[props.name] ?? "")}
          autocomplete={props.autocomplete}
          inputmode={props.inputmode}
          required={props.required}
          {...aria}
        />
      )}
    />
  );
}

/** A labelled textarea bound to a form's values and errors. */
export function TextArea(props: {
  name: string;
  label: string;
  hint?: string;
  rows: number;
  values: FormValues;
  errors: FormErrors;
}) {
  return (
    <FieldFrame
      id={props.name}
      label={props.label}
      hint={props.hint}
      error={props.errors[props.name]}
      control={(aria) => (
        <textarea class="textarea" id={props.name} name={props.name} rows={props.rows} {...aria}>
          {props.values[props.name] ?? ""}
        </textarea>
      )}
    />
  );
}

/** A file input with its label, hint and error (uploads need multipart forms). */
export function FileField(props: {
  name: string;
  label: string;
  hint: string;
  accept: string;
  error?: string;
  multiple?: boolean;
}) {
  return (
    <FieldFrame
      id={props.name}
      label={props.label}
      hint={props.hint}
      error={props.error}
      control={(aria) => (
        <input
          class="file-input"
          type="file"
          id={props.name}
          name={props.name}
          accept={props.accept}
          multiple={props.multiple}
          {...aria}
        />
      )}
    />
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
  const selected = props.values?.[props.name] ?? "";
  return (
    <FieldFrame
      id={props.name}
      label={props.label}
      hint={props.hint}
      error={props.errors?.[props.name]}
      control={(aria) => (
        <select class="select" id={props.name} name={props.name} {...aria}>
          {props.emptyLabel !== undefined && <option value="">{props.emptyLabel}</option>}
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === selected}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** Previous / next page links that keep the current search. */
export function Pagination(props: {
  page: number;
  hasMore: boolean;
  query: Record<string, string>;
  labels?: [previous: string, next: string];
}) {
  const { page, hasMore } = props;
  if (page === 1 && !hasMore) return null;
  const [previous, next] = props.labels ?? ["Página anterior", "Página siguiente"];
  const link = (target: number) =>
    `?${new URLSearchParams({ ...props.query, pagina: String(target) }).toString()}`;
  return (
    <nav class="pagination" aria-label="Páginas de resultados">
      {page > 1 && <a href={link(page - 1)}>{previous}</a>}
      <span>Página {page}</span>
      {hasMore && <a href={link(page + 1)}>{next}</a>}
    </nav>
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
