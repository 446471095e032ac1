// A person's own card steps (datos → foto → carnet), shown on the home page and after each save.

export type StepStatus = "hecho" | "siguiente" | "espera" | "pendiente";

export interface JourneyStep {
  title: string;
  status: StepStatus;
  text: string;
  href: string;
  linkText: string;
}

const STATUS_LABELS: Record<StepStatus, string> = {
  hecho: "Hecho",
  siguiente: "Siguiente paso",
  espera: "En trámite",
  pendiente: "Pendiente",
};

export function JourneySteps({ steps, headingLevel = 2 }: { steps: JourneyStep[]; headingLevel?: 2 | 3 }) {
  const next = steps.find((step) => step.status === "siguiente");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section class="journey" aria-labelledby="journey-title">
      <Heading id="journey-title" class="heading-m">
        Su carnet en tres pasos
      </Heading>
      <ol class="journey__steps">
        {steps.map((step) => (
          <li class={`journey__step journey__step--${step.status}`}>
            <p class="journey__title">
              <span class="journey__name">{step.title}</span>
              <span class={`tag tag--${step.status}`}>{STATUS_LABELS[step.status]}</span>
            </p>
            <p>{step.text}</p>
            <a href={step.href} class={step === next ? "button" : undefined}>
              {step.linkText}
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}
