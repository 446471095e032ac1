// The Alcaldía de Pasto's dependencias (docs/DOMAIN.md) and one demo account per role.
import type { Role } from "../shared/auth/roles.ts";

export interface SeedDependencia {
  name: string;
  acronym?: string;
  children?: SeedDependencia[];
}

export const DEPENDENCIAS_TREE: SeedDependencia[] = [
  { name: "Despacho del Alcalde" },
  {
    name: "Secretaría General",
    children: [
      { name: "Subsecretaría de Sistemas de Información", acronym: "SSI" },
      { name: "Subsecretaría de Talento Humano" },
      { name: "Subsecretaría de Apoyo Logístico" },
      { name: "Unidad de Atención al Ciudadano", acronym: "UAC" },
      { name: "Unidad de Correspondencia" },
    ],
  },
  { name: "Oficina de Planeación de Gestión Institucional", acronym: "OPGI" },
  { name: "Oficina de Control Interno de Gestión", acronym: "OCI" },
  { name: "Oficina de Comunicación Social", acronym: "OCS" },
  { name: "Oficina de Asesoría Jurídica" },
  { name: "Oficina de Archivo y Gestión Documental" },
  { name: "Secretaría de Educación" },
  { name: "Secretaría de Salud" },
  { name: "Secretaría de Tránsito y Transporte" },
  { name: "Secretaría de Hacienda" },
  { name: "Secretaría de Gobierno" },
  { name: "Secretaría de Bienestar Social" },
  { name: "Secretaría de Cultura", children: [{ name: "Subsecretaría de Cultura Ciudadana" }] },
  { name: "Secretaría de Desarrollo Comunitario" },
  { name: "Secretaría de las Mujeres, Orientaciones Sexuales e Identidades de Género", acronym: "MOSIG" },
  { name: "Dirección Administrativa de Juventud" },
  { name: "Departamento Administrativo de Contratación Pública" },
];

export interface DemoAccount {
  role: Role;
  documentNumber: string;
  firstNames: string;
  lastNames: string;
  dependencia: string;
}

// Fictitious people; document numbers outside the ranges the Registraduría has issued to adults in Pasto.
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    role: "servidor",
    documentNumber: "9000000001",
    firstNames: "Ana María",
    lastNames: "Rosero Benavides",
    dependencia: "Secretaría de Hacienda",
  },
  {
    role: "enlace",
    documentNumber: "9000000002",
    firstNames: "Carlos Andrés",
    lastNames: "Muñoz Erazo",
    dependencia: "Secretaría de Educación",
  },
  {
    role: "operador_ssi",
    documentNumber: "9000000003",
    firstNames: "Luisa Fernanda",
    lastNames: "Guerrero Ortiz",
    dependencia: "Subsecretaría de Sistemas de Información",
  },
  {
    role: "comunicaciones",
    documentNumber: "9000000004",
    firstNames: "Jorge Iván",
    lastNames: "Bravo Delgado",
    dependencia: "Oficina de Comunicación Social",
  },
  {
    role: "planeacion",
    documentNumber: "9000000005",
    firstNames: "Diana Carolina",
    lastNames: "Ceballos Paz",
    dependencia: "Oficina de Planeación de Gestión Institucional",
  },
  {
    role: "control_interno",
    documentNumber: "9000000006",
    firstNames: "Mauricio",
    lastNames: "Insuasty Villota",
    dependencia: "Oficina de Control Interno de Gestión",
  },
  {
    role: "responsable_plan",
    documentNumber: "9000000007",
    firstNames: "Paola Andrea",
    lastNames: "Chamorro Díaz",
    dependencia: "Secretaría de Salud",
  },
  {
    role: "administrador",
    documentNumber: "9000000008",
    firstNames: "Sebastián",
    lastNames: "Narváez López",
    dependencia: "Subsecretaría de Sistemas de Información",
  },
  {
    role: "jefe_dependencia",
    documentNumber: "9000000009",
    firstNames: "Gloria Patricia",
    lastNames: "Enríquez Mora",
    dependencia: "Secretaría de Salud",
  },
  {
    role: "despacho",
    documentNumber: "9000000010",
    firstNames: "Hernando",
    lastNames: "Santacruz Burbano",
    dependencia: "Despacho del Alcalde",
  },
  {
    role: "talento_humano",
    documentNumber: "9000000011",
    firstNames: "Claudia Marcela",
    lastNames: "Revelo Insuasti",
    dependencia: "Subsecretaría de Talento Humano",
  },
];

export interface DemoStaff {
  role: Role;
  firstNames: string;
  lastNames: string;
  dependencia: string;
}

// Fictitious colleagues who did the work the demo shows (reviews, batches, lists) before the demo accounts
// arrived: the demo accounts start fresh, each with their first login still to do.
export const DEMO_STAFF: DemoStaff[] = [
  {
    role: "operador_ssi",
    firstNames: "Andrea Carolina",
    lastNames: "Paz Jurado",
    dependencia: "Subsecretaría de Sistemas de Información",
  },
  {
    role: "operador_ssi",
    firstNames: "Edwin Alexander",
    lastNames: "Tulcán Pasos",
    dependencia: "Subsecretaría de Sistemas de Información",
  },
  {
    role: "enlace",
    firstNames: "Martha Lucía",
    lastNames: "Ordóñez Criollo",
    dependencia: "Secretaría de Educación",
  },
  {
    role: "enlace",
    firstNames: "Jairo Hernán",
    lastNames: "Botina Cerón",
    dependencia: "Secretaría de Hacienda",
  },
  {
    role: "enlace",
    firstNames: "Gloria Inés",
    lastNames: "Moncayo Realpe",
    dependencia: "Secretaría de Salud",
  },
  {
    role: "enlace",
    firstNames: "Fredy Armando",
    lastNames: "Jojoa Chaves",
    dependencia: "Secretaría de Gobierno",
  },
  {
    role: "enlace",
    firstNames: "Viviana Andrea",
    lastNames: "Coral Timarán",
    dependencia: "Secretaría de Tránsito y Transporte",
  },
  {
    role: "enlace",
    firstNames: "Harold Javier",
    lastNames: "Unigarro Melo",
    dependencia: "Secretaría de Cultura",
  },
  {
    role: "enlace",
    firstNames: "Sandra Patricia",
    lastNames: "Revelo Arteaga",
    dependencia: "Subsecretaría de Sistemas de Información",
  },
  {
    role: "enlace",
    firstNames: "Nelson Eduardo",
    lastNames: "Figueroa Hidalgo",
    dependencia: "Subsecretaría de Talento Humano",
  },
  {
    role: "enlace",
    firstNames: "Liliana Marcela",
    lastNames: "Ibarra Solarte",
    dependencia: "Secretaría de Bienestar Social",
  },
  {
    role: "comunicaciones",
    firstNames: "Diego Fernando",
    lastNames: "Pantoja Rosero",
    dependencia: "Oficina de Comunicación Social",
  },
  {
    role: "talento_humano",
    firstNames: "Adriana Lucía",
    lastNames: "Mora Guerrero",
    dependencia: "Subsecretaría de Talento Humano",
  },
];
