/** Invented staff members of the demo organisations (they log in at the demo identity provider). */
export interface DemoStaff {
  id: string;
  name: string;
  organisationId: string;
  team: string;
  roles: string[];
  description: string;
}

export const DEMO_STAFF: DemoStaff[] = [
  {
    id: 'm.jansen',
    name: 'Marieke Jansen',
    organisationId: 'voorbeeldstad',
    team: 'burgerzaken',
    roles: ['behandelaar'],
    description: 'Behandelaar Burgerzaken, Gemeente Voorbeeldstad',
  },
  {
    id: 'a.bakker',
    name: 'Ahmed Bakker',
    organisationId: 'voorbeeldstad',
    team: 'burgerzaken',
    roles: ['behandelaar', 'tweede-lezer'],
    description: 'Senior behandelaar en tweede lezer, Gemeente Voorbeeldstad',
  },
  {
    id: 'p.devries',
    name: 'Petra de Vries',
    organisationId: 'voorbeeldstad',
    team: 'klantcontact',
    roles: ['klantcontact'],
    description: 'Medewerker KlantContactCentrum, Gemeente Voorbeeldstad',
  },
  {
    id: 'j.visser',
    name: 'Jeroen Visser',
    organisationId: 'toeslagen',
    team: 'zorgtoeslag',
    roles: ['behandelaar', 'tweede-lezer'],
    description: 'Behandelaar zorgtoeslag, Dienst Toeslagen (demo)',
  },
  {
    id: 'f.dekker',
    name: 'Fatima Dekker',
    organisationId: 'voorbeeldstad',
    team: 'informatiebeheer',
    roles: ['functioneel-beheerder'],
    description: 'Functioneel beheerder zaakbehandeling (plannen publiceren), Gemeente Voorbeeldstad',
  },
  {
    id: 's.mulder',
    name: 'Sanne Mulder',
    organisationId: 'incasso',
    team: 'invordering',
    roles: ['behandelaar'],
    description: 'Medewerker invordering, Centraal Incassobureau (demo)',
  },
];
